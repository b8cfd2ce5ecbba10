package io.kizuna.identity.internal;

import io.kizuna.shared.UserId;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code identity_api_tokens} table: hashed bearer tokens that expire and can be revoked. */
@Repository
public class Tokens {
    /** A token as its owner sees it (never the secret). */
    public record TokenRow(long id, long userId, String name, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                           OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {}

    private final JdbcClient jdbc;

    Tokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public TokenRow insert(UserId user, byte[] hash, String name, OffsetDateTime expiresAt) {
        return jdbc.sql("insert into identity_api_tokens (user_id, token_hash, name, expires_at) values (:u, :h, :n, :e) "
                + "returning id, user_id, name, created_at, expires_at, last_used_at, revoked_at")
            .param("u", user.value()).param("h", hash).param("n", name).param("e", expiresAt)
            .query(TokenRow.class).single();
    }

    /** The live token with this hash and its member: one indexed lookup. */
    public Optional<ActiveToken> findActive(byte[] hash) {
        return jdbc.sql("select t.id as token_id, t.expires_at, " + prefixed() + " from identity_api_tokens t "
                + "join identity_users u on u.id = t.user_id "
                + "where t.token_hash = :h and t.revoked_at is null and t.expires_at > now() and u.erased_at is null")
            .param("h", hash)
            .query((rs, i) -> new ActiveToken(rs.getLong("token_id"), rs.getObject("expires_at", OffsetDateTime.class),
                new UserRow(rs.getLong("id"), rs.getString("email"), rs.getObject("email_verified_at", OffsetDateTime.class),
                    null, rs.getString("display_name"), rs.getString("handle"), null, null, null, null, rs.getString("role"), rs.getString("locale"),
                    0, null, rs.getObject("created_at", OffsetDateTime.class), null)))
            .optional();
    }

    private static String prefixed() {
        return "u.id, u.email, u.email_verified_at, u.display_name, u.handle, u.role, u.locale, u.created_at";
    }

    /** A resolved token. */
    public record ActiveToken(long tokenId, OffsetDateTime expiresAt, UserRow user) {}

    public void touch(long tokenId) {
        jdbc.sql("update identity_api_tokens set last_used_at = now() where id = :id "
                + "and (last_used_at is null or last_used_at < now() - interval '1 minute')")
            .param("id", tokenId).update();
    }

    public List<TokenRow> listLive(UserId user) {
        return jdbc.sql("select id, user_id, name, created_at, expires_at, last_used_at, revoked_at from identity_api_tokens "
                + "where user_id = :u and revoked_at is null and expires_at > now() order by id desc limit 200")
            .param("u", user.value()).query(TokenRow.class).list();
    }

    /** Revokes one of the member's own tokens; false when it is not theirs or not live. */
    public boolean revoke(UserId user, long tokenId) {
        return jdbc.sql("update identity_api_tokens set revoked_at = now() where id = :id and user_id = :u and revoked_at is null")
            .param("id", tokenId).param("u", user.value()).update() == 1;
    }

    public void revokeAll(UserId user) {
        jdbc.sql("update identity_api_tokens set revoked_at = now() where user_id = :u and revoked_at is null")
            .param("u", user.value()).update();
    }

    public void deleteAll(UserId user) {
        jdbc.sql("delete from identity_api_tokens where user_id = :u").param("u", user.value()).update();
    }
}
