package io.kizuna.mail;

/**
 * Queues a plain-text mail in the caller's transaction: it is delivered after commit (with retries), and
 * never if the transaction rolls back.
 */
public interface MailOutbox {
    default void send(String to, String subject, String body) {
        send(to, subject, body, java.util.Map.of());
    }

    /** With extra headers (such as List-Unsubscribe); names and values must be single-line. */
    void send(String to, String subject, String body, java.util.Map<String, String> headers);

    /** APPI erasure: removes every mail to {@code address} (mail is personal data), in the caller's transaction. */
    void forget(String address);
}
