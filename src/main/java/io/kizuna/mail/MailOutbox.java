package io.kizuna.mail;

/**
 * Queues a plain-text mail in the caller's transaction: it is delivered after commit (with retries), and
 * never if the transaction rolls back.
 */
public interface MailOutbox {
    void send(String to, String subject, String body);

    /** APPI erasure: removes every mail to {@code address} (mail is personal data), in the caller's transaction. */
    void forget(String address);
}
