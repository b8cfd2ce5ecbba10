package io.kizuna.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.RuleRefusedException;

/**
 * Idempotency-Key support for writes that move money or stock. Call {@link #claim} and {@link #complete} inside
 * the write's own transaction: the key row commits with the write or not at all, and a concurrent request with the
 * same key waits on PostgreSQL's unique index until the first one commits, then replays its result.
 */
@Component
public class IdempotencyKeys {
    /** The stored outcome of the first request with a key. */
    public record StoredResponse(int status, String body) {}

    private final JdbcClient jdbc;

    public IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code key} for this request. Empty means: go ahead, then call {@link #complete}. A stored response means:
     * this is a retry, return it unchanged. A key reused with a different body is refused (422).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<StoredResponse> claim(String scope, String key, String requestBody) {
        validate(key);
        String hash = sha256(requestBody);
        int inserted = jdbc.sql("""
                insert into platform_idempotency_keys (scope, idem_key, request_hash, response_status, response_body)
                values (:scope, :key, :hash, 0, '') on conflict do nothing""")
            .param("scope", scope).param("key", key).param("hash", hash).update();
        if (inserted == 1) return Optional.empty();
        record Row(String requestHash, int responseStatus, String responseBody) {}
        var row = jdbc.sql("select request_hash, response_status, response_body from platform_idempotency_keys where scope = :scope and idem_key = :key")
            .param("scope", scope).param("key", key).query(Row.class).single();
        if (!row.requestHash().equals(hash)) {
            throw new RuleRefusedException("idempotency-key-reused", "This Idempotency-Key was already used with a different request body.");
        }
        return Optional.of(new StoredResponse(row.responseStatus(), row.responseBody()));
    }

    /** Records the response of the request that claimed {@code key}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void complete(String scope, String key, int status, String body) {
        jdbc.sql("update platform_idempotency_keys set response_status = :status, response_body = :body where scope = :scope and idem_key = :key")
            .param("status", status).param("body", body).param("scope", scope).param("key", key).update();
    }

    private static void validate(String key) {
        if (key == null || key.isBlank() || key.length() > 255) {
            throw new InvalidInputException("Idempotency-Key", "must be 1 to 255 characters");
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
