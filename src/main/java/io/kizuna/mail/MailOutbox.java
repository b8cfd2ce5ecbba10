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

    /**
     * A mail for the caller to queue inside one statement of its own instead of with a round trip of its own: run
     * {@link Queued#insert} as a data-modifying CTE of that statement with {@link Queued#params}, and call
     * {@link Queued#committed} once the statement has committed. If the statement fails, nothing was queued.
     */
    Queued queued(String to, String subject, String body);

    /** See {@link #queued}: the parameter names all start with {@code mail_}. */
    record Queued(String insert, java.util.Map<String, Object> params, Runnable committed) {}

    /** APPI erasure: removes every mail to {@code address} (mail is personal data), in the caller's transaction. */
    void forget(String address);
}
