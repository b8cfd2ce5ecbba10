package io.kizuna.notifications.internal;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notification_settings} table; a member without a row has the defaults (mentions at once, activity daily). */
@Repository
public class SettingsRows {
    public record SettingsRow(long userId, String emailMentions, String emailActivity, String unsubscribeToken, OffsetDateTime lastDigestAt) {}

    private static final String COLUMNS = "user_id, email_mentions, email_activity, unsubscribe_token, last_digest_at";
    private final JdbcClient jdbc;

    SettingsRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Gives members the default row (with their unsubscribe token) unless they have one. */
    public void ensure(Collection<Long> userIds) {
        if (userIds.isEmpty()) return;
        jdbc.sql("insert into notification_settings (user_id) select unnest(cast(:u as bigint[])) on conflict do nothing")
            .param("u", userIds.stream().mapToLong(Long::longValue).distinct().sorted().toArray()).update();
    }

    public SettingsRow get(long userId) {
        ensure(List.of(userId));
        return jdbc.sql("select " + COLUMNS + " from notification_settings where user_id = :u").param("u", userId).query(SettingsRow.class).single();
    }

    public List<SettingsRow> of(Collection<Long> userIds) {
        if (userIds.isEmpty()) return List.of();
        return jdbc.sql("select " + COLUMNS + " from notification_settings where user_id = any(:u)")
            .param("u", userIds.stream().mapToLong(Long::longValue).toArray()).query(SettingsRow.class).list();
    }

    public void update(long userId, String mentions, String activity) {
        ensure(List.of(userId));
        jdbc.sql("update notification_settings set email_mentions = :m, email_activity = :a, updated_at = now() where user_id = :u")
            .param("m", mentions).param("a", activity).param("u", userId).update();
    }

    public Optional<SettingsRow> byToken(String token) {
        return jdbc.sql("select " + COLUMNS + " from notification_settings where unsubscribe_token = :t")
            .param("t", token).query(SettingsRow.class).optional();
    }

    /**
     * Members due a digest: they take something daily, had none since {@code since}, and have unread, unmailed
     * notifications of those kinds. Locked, so two nodes never mail the same member twice.
     */
    public List<SettingsRow> lockDueDigests(OffsetDateTime since, int limit) {
        return jdbc.sql("select " + COLUMNS + " from notification_settings s "
                + "where (s.last_digest_at is null or s.last_digest_at < :since) and exists (select 1 from notifications n "
                + "  where n.user_id = s.user_id and n.read_at is null and n.emailed_at is null and ("
                + "    (s.email_mentions = 'daily' and n.kind in ('mention', 'accepted')) or (s.email_activity = 'daily' and n.kind in ('reply', 'new_thread')))) "
                + "order by s.user_id limit :limit for update of s skip locked")
            .param("since", since).param("limit", limit).query(SettingsRow.class).list();
    }

    public void digestSent(long userId) {
        jdbc.sql("update notification_settings set last_digest_at = now() where user_id = :u").param("u", userId).update();
    }

    public void delete(long userId) {
        jdbc.sql("delete from notification_settings where user_id = :u").param("u", userId).update();
    }
}
