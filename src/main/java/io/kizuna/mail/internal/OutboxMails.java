package io.kizuna.mail.internal;

import io.kizuna.mail.OutboxMail;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code mail_outbox} table. */
@Repository
public class OutboxMails {
    private final JdbcClient jdbc;

    OutboxMails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A mail into the outbox; also {@link io.kizuna.mail.MailOutbox#queued}'s insert, run inside another module's statement. */
    static final String INSERT = "insert into mail_outbox (to_address, subject, body, headers, status) "
        + "values (:mail_to, :mail_subject, :mail_body, :mail_headers, :mail_status)";

    void insert(String to, String subject, String body, String headers, String status) {
        jdbc.sql(INSERT).param("mail_to", to).param("mail_subject", subject).param("mail_body", body).param("mail_headers", headers)
            .param("mail_status", status).update();
    }

    /** Locks up to {@code n} due mails; other nodes skip them. */
    List<OutboxMail> lockDue(int n) {
        return jdbc.sql("""
                select id, to_address, subject, body, status, attempts, last_error, created_at, sent_at, headers from mail_outbox
                where status = 'pending' and next_attempt_at <= now() order by id limit :n for update skip locked""")
            .param("n", n).query(OutboxMail.class).list();
    }

    void markSent(long id) {
        jdbc.sql("update mail_outbox set status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = null where id = :id")
            .param("id", id).update();
    }

    /** Retries with exponential backoff (2^attempts seconds); gives up after {@code maxAttempts}. */
    void markFailed(long id, String error, int maxAttempts) {
        jdbc.sql("""
                update mail_outbox set attempts = attempts + 1, last_error = :error,
                  status = case when attempts + 1 >= :max then 'failed' else 'pending' end,
                  next_attempt_at = now() + make_interval(secs => power(2, least(attempts + 1, 12)))
                where id = :id""")
            .param("error", error).param("max", maxAttempts).param("id", id).update();
    }

    public List<OutboxMail> page(Long beforeId, int limit) {
        return jdbc.sql("""
                select id, to_address, subject, body, status, attempts, last_error, created_at, sent_at, headers from mail_outbox
                where (cast(:before as bigint) is null or id < :before) order by id desc limit :limit""")
            .param("before", beforeId).param("limit", limit).query(OutboxMail.class).list();
    }

    public Optional<OutboxMail> find(long id) {
        return jdbc.sql("select id, to_address, subject, body, status, attempts, last_error, created_at, sent_at, headers from mail_outbox where id = :id")
            .param("id", id).query(OutboxMail.class).optional();
    }

    /** APPI erasure: mail to a deleted member's address is personal data too. */
    void deleteTo(String address) {
        jdbc.sql("delete from mail_outbox where lower(to_address) = lower(:a)").param("a", address).update();
    }
}
