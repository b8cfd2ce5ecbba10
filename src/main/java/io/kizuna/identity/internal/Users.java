package io.kizuna.identity.internal;

import io.kizuna.shared.Role;
import io.kizuna.shared.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code identity_users} table. Erased members keep a row (their content points at it) without personal data. */
@Repository
public class Users {
    static final String COLUMNS = "id, email, email_verified_at, password_hash, display_name, handle, family_name, given_name, "
        + "family_name_kana, given_name_kana, role, locale, failed_logins, login_blocked_until, created_at, erased_at";

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a member; empty when the email is already taken (the unique index decides, race-free). */
    public Optional<UserRow> insert(String email, String passwordHash, String displayName, Role role, String locale, boolean verified) {
        return jdbc.sql("insert into identity_users (email, password_hash, display_name, role, locale, email_verified_at) "
                + "values (:email, :hash, :name, :role, :locale, case when :verified then now() end) "
                + "on conflict do nothing returning " + COLUMNS)
            .param("email", email).param("hash", passwordHash).param("name", displayName)
            .param("role", role.code()).param("locale", locale).param("verified", verified)
            .query(UserRow.class).optional();
    }

    public Optional<UserRow> find(UserId id) {
        return jdbc.sql("select " + COLUMNS + " from identity_users where id = :id and erased_at is null")
            .param("id", id.value()).query(UserRow.class).optional();
    }

    /** The live account with this address, whatever its case; none for text no address can hold (U+0000 would fail the query). */
    public Optional<UserRow> findByEmail(String email) {
        if (email.indexOf('\u0000') >= 0) return Optional.empty();
        return jdbc.sql("select " + COLUMNS + " from identity_users where lower(email) = lower(:email) and erased_at is null")
            .param("email", email).query(UserRow.class).optional();
    }

    /** Gives a member a handle unless a live account has it (the unique index settles a race by throwing). */
    public boolean setHandle(UserId id, String handle) {
        return jdbc.sql("""
                update identity_users set handle = :h, updated_at = now() where id = :id and not exists
                  (select 1 from identity_users o where lower(o.handle) = lower(:h) and o.erased_at is null and o.id <> :id)""")
            .param("h", handle).param("id", id.value()).update() == 1;
    }

    public List<io.kizuna.identity.IdentityManagement.Contact> verifiedContacts(java.util.Collection<UserId> ids) {
        if (ids.isEmpty()) return List.of();
        return jdbc.sql("select id, email, display_name, locale from identity_users "
                + "where id = any(:ids) and erased_at is null and email_verified_at is not null")
            .param("ids", ids.stream().mapToLong(UserId::value).distinct().toArray())
            .query((rs, i) -> new io.kizuna.identity.IdentityManagement.Contact(new UserId(rs.getLong(1)), rs.getString(2), rs.getString(3),
                java.util.Locale.forLanguageTag(rs.getString(4))))
            .list();
    }

    public java.util.Optional<io.kizuna.identity.IdentityManagement.Contact> liveContact(UserId id) {
        return jdbc.sql("select id, email, display_name, locale from identity_users where id = :id and erased_at is null")
            .param("id", id.value())
            .query((rs, i) -> new io.kizuna.identity.IdentityManagement.Contact(new UserId(rs.getLong(1)), rs.getString(2), rs.getString(3),
                java.util.Locale.forLanguageTag(rs.getString(4))))
            .optional();
    }

    /** Live members by handle (case-insensitive), keyed by the handle in lower case. */
    public java.util.Map<String, UserId> byHandles(java.util.Collection<String> handles) {
        if (handles.isEmpty()) return java.util.Map.of();
        var result = new java.util.HashMap<String, UserId>();
        jdbc.sql("select lower(handle), id from identity_users where lower(handle) = any(:h) and erased_at is null")
            .param("h", handles.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)).distinct().toArray(String[]::new))
            .query((rs, i) -> result.put(rs.getString(1), new UserId(rs.getLong(2)))).list();
        return result;
    }

    public boolean anyExist() {
        return jdbc.sql("select exists (select 1 from identity_users)").query(Boolean.class).single();
    }

    public java.util.Map<UserId, io.kizuna.identity.MemberName> names(java.util.Collection<UserId> ids) {
        if (ids.isEmpty()) return java.util.Map.of();
        var result = new java.util.HashMap<UserId, io.kizuna.identity.MemberName>();
        jdbc.sql("select id, display_name, handle, erased_at is not null as erased from identity_users where id = any(:ids)")
            .param("ids", ids.stream().mapToLong(UserId::value).distinct().toArray())
            .query((rs, i) -> new io.kizuna.identity.MemberName(Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
            .list().forEach(n -> result.put(new UserId(Long.parseLong(n.id())), n));
        return result;
    }

    public long countOwners() {
        return jdbc.sql("select count(*) from identity_users where role = 'owner' and erased_at is null").query(Long.class).single();
    }

    public List<UserRow> page(Long afterId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from identity_users where erased_at is null "
                + "and (cast(:after as bigint) is null or id > :after) order by id limit :limit")
            .param("after", afterId).param("limit", limit).query(UserRow.class).list();
    }

    public void updateRole(UserId id, Role role) {
        jdbc.sql("update identity_users set role = :role, updated_at = now() where id = :id")
            .param("role", role.code()).param("id", id.value()).update();
    }

    public void updateProfile(UserId id, String displayName, String familyName, String givenName, String familyKana, String givenKana) {
        jdbc.sql("""
                update identity_users set display_name = :dn, family_name = :fn, given_name = :gn,
                  family_name_kana = :fk, given_name_kana = :gk, updated_at = now() where id = :id""")
            .param("dn", displayName).param("fn", familyName).param("gn", givenName)
            .param("fk", familyKana).param("gk", givenKana).param("id", id.value()).update();
    }

    public void updatePassword(UserId id, String hash) {
        jdbc.sql("update identity_users set password_hash = :hash, failed_logins = 0, login_blocked_until = null, updated_at = now() where id = :id")
            .param("hash", hash).param("id", id.value()).update();
    }

    public void markEmailVerified(UserId id) {
        jdbc.sql("update identity_users set email_verified_at = coalesce(email_verified_at, now()) where id = :id")
            .param("id", id.value()).update();
    }

    /**
     * Counts a failed sign-in. From the fifth failure in a row the account is blocked, starting at 30 seconds and
     * doubling per further failure up to 15 minutes. Returns the row as it is now.
     */
    public void recordLoginFailure(UserId id) {
        jdbc.sql("""
                update identity_users set failed_logins = failed_logins + 1,
                  login_blocked_until = case when failed_logins + 1 >= 5
                    then now() + least(interval '15 minutes', interval '30 seconds' * power(2, failed_logins + 1 - 5))
                    else login_blocked_until end
                where id = :id""")
            .param("id", id.value()).update();
    }

    public void clearLoginFailures(UserId id) {
        jdbc.sql("update identity_users set failed_logins = 0, login_blocked_until = null where id = :id and failed_logins > 0")
            .param("id", id.value()).update();
    }

    /** Time left on a sign-in block, if any (computed by the database clock that set it). */
    public Optional<Duration> blockRemaining(UserId id) {
        return jdbc.sql("select extract(epoch from login_blocked_until - now()) from identity_users where id = :id and login_blocked_until > now()")
            .param("id", id.value()).query(Double.class).optional().map(s -> Duration.ofMillis((long) (s * 1000)));
    }

    /** APPI erasure: personal data goes, the row stays so content keeps an (anonymous) author. */
    public void erase(UserId id) {
        jdbc.sql("""
                update identity_users set email = 'erased-' || id || '@erased.invalid', email_verified_at = null,
                  password_hash = null, display_name = '', handle = null, family_name = null, given_name = null,
                  family_name_kana = null, given_name_kana = null, role = 'member', failed_logins = 0,
                  login_blocked_until = null, erased_at = now(), updated_at = now()
                where id = :id""")
            .param("id", id.value()).update();
    }
}
