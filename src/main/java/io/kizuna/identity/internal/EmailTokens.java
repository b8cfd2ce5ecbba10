package io.kizuna.identity.internal;

import io.kizuna.shared.UserId;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** One-time links sent by mail (verify the address, reset the password); single use and short-lived. */
@Repository
public class EmailTokens {
    public static final String VERIFY = "verify_email";
    public static final String RESET = "reset_password";

    private final JdbcClient jdbc;

    EmailTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Issues a new link secret; earlier unused links of the same purpose stop working. */
    public String issue(UserId user, String purpose, Duration ttl) {
        jdbc.sql("update identity_email_tokens set used_at = now() where user_id = :u and purpose = :p and used_at is null")
            .param("u", user.value()).param("p", purpose).update();
        String secret = Secrets.newSecret("");
        jdbc.sql("insert into identity_email_tokens (user_id, purpose, token_hash, expires_at) "
                + "values (:u, :p, :h, now() + make_interval(secs => :s))")
            .param("u", user.value()).param("p", purpose).param("h", Secrets.hash(secret)).param("s", ttl.toSeconds()).update();
        return secret;
    }

    /** Uses a link: the member it belongs to, or empty when unknown, expired or already used. Atomic under races. */
    public Optional<UserId> consume(String secret, String purpose) {
        if (secret == null || secret.isBlank() || secret.length() > 100) return Optional.empty();
        return jdbc.sql("update identity_email_tokens set used_at = now() where token_hash = :h and purpose = :p "
                + "and used_at is null and expires_at > now() returning user_id")
            .param("h", Secrets.hash(secret)).param("p", purpose).query(Long.class).optional().map(UserId::new);
    }

    /** Checks a link without using it (to show the reset form only for a live link). */
    public boolean isLive(String secret, String purpose) {
        if (secret == null || secret.isBlank() || secret.length() > 100) return false;
        return jdbc.sql("select exists (select 1 from identity_email_tokens where token_hash = :h and purpose = :p "
                + "and used_at is null and expires_at > now())")
            .param("h", Secrets.hash(secret)).param("p", purpose).query(Boolean.class).single();
    }

    public void deleteAll(UserId user) {
        jdbc.sql("delete from identity_email_tokens where user_id = :u").param("u", user.value()).update();
    }
}
