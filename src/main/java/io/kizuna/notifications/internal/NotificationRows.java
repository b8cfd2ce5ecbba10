package io.kizuna.notifications.internal;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notifications} table. */
@Repository
public class NotificationRows {
    public record NotificationRow(long id, long userId, String kind, long threadId, Long postId, Long actorId, int count,
                                  OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime readAt) {}

    /** A notification just written; {@code fresh} is false when it was folded into an unread one of the same thread. */
    public record Written(long id, long userId, String kind, long threadId, Long postId, Long actorId, boolean fresh) {}

    public static final List<String> MENTION_KINDS = List.of("mention", "accepted");
    public static final List<String> ACTIVITY_KINDS = List.of("reply", "new_thread");
    private static final String COLUMNS = "id, user_id, kind, thread_id, post_id, actor_id, count, created_at, updated_at, read_at";

    private final JdbcClient jdbc;

    NotificationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replies and new threads: one unread notification per member and thread, counting up. */
    public List<Written> activity(String kind, long threadId, Long postId, long actorId, Collection<Long> userIds) {
        if (userIds.isEmpty()) return List.of();
        return jdbc.sql("""
                insert into notifications (user_id, kind, thread_id, post_id, actor_id)
                select u, :kind, :thread, :post, :actor from unnest(cast(:users as bigint[])) as u
                on conflict (user_id, thread_id, kind) where read_at is null and kind in ('reply', 'new_thread')
                do update set count = notifications.count + 1, post_id = excluded.post_id, actor_id = excluded.actor_id, updated_at = now()
                returning id, user_id, kind, thread_id, post_id, actor_id, xmax = 0 as fresh""")
            .param("kind", kind).param("thread", threadId).param("post", postId).param("actor", actorId)
            .param("users", userIds.stream().mapToLong(Long::longValue).toArray())
            .query(Written.class).list();
    }

    /** Mentions and accepted answers: once per member and post. */
    public List<Written> personal(String kind, long threadId, long postId, long actorId, Collection<Long> userIds) {
        if (userIds.isEmpty()) return List.of();
        return jdbc.sql("""
                insert into notifications (user_id, kind, thread_id, post_id, actor_id)
                select u, :kind, :thread, :post, :actor from unnest(cast(:users as bigint[])) as u
                on conflict (user_id, post_id, kind) where kind in ('mention', 'accepted') do nothing
                returning id, user_id, kind, thread_id, post_id, actor_id, true as fresh""")
            .param("kind", kind).param("thread", threadId).param("post", postId).param("actor", actorId)
            .param("users", userIds.stream().mapToLong(Long::longValue).toArray())
            .query(Written.class).list();
    }

    /** Newest first by last change; keyset on (updated_at, id). */
    public List<NotificationRow> page(long userId, OffsetDateTime beforeUpdated, Long beforeId, int limit) {
        String keyset = beforeId == null ? "" : " and (updated_at, id) < (:updated, :before)";
        var spec = jdbc.sql("select " + COLUMNS + " from notifications where user_id = :u" + keyset
                + " order by updated_at desc, id desc limit :limit")
            .param("u", userId).param("limit", limit);
        if (beforeId != null) spec = spec.param("updated", beforeUpdated).param("before", beforeId);
        return spec.query(NotificationRow.class).list();
    }

    public java.util.Optional<NotificationRow> find(long id, long userId) {
        return jdbc.sql("select " + COLUMNS + " from notifications where id = :id and user_id = :u")
            .param("id", id).param("u", userId).query(NotificationRow.class).optional();
    }

    /** Unread notifications, counted up to {@code cap} (the badge shows "99+" beyond). */
    public int unread(long userId, int cap) {
        return jdbc.sql("select count(*) from (select 1 from notifications where user_id = :u and read_at is null limit :cap) x")
            .param("u", userId).param("cap", cap).query(Integer.class).single();
    }

    public int markRead(long userId, Collection<Long> ids) {
        return jdbc.sql("update notifications set read_at = now() where user_id = :u and read_at is null and id = any(:ids)")
            .param("u", userId).param("ids", ids.stream().mapToLong(Long::longValue).toArray()).update();
    }

    public int markAllRead(long userId) {
        return jdbc.sql("update notifications set read_at = now() where user_id = :u and read_at is null").param("u", userId).update();
    }

    public void markEmailed(Collection<Long> ids) {
        if (ids.isEmpty()) return;
        jdbc.sql("update notifications set emailed_at = now() where id = any(:ids)")
            .param("ids", ids.stream().mapToLong(Long::longValue).toArray()).update();
    }

    /** Unread notifications not mailed yet, of the kinds the member takes as a daily digest, oldest first. */
    public List<NotificationRow> pendingDigest(long userId, Collection<String> kinds, int limit) {
        return jdbc.sql("select " + COLUMNS + " from notifications where user_id = :u and read_at is null and emailed_at is null "
                + "and kind = any(:kinds) order by updated_at limit :limit")
            .param("u", userId).param("kinds", kinds.toArray(String[]::new)).param("limit", limit).query(NotificationRow.class).list();
    }

    /** APPI erasure: a deleted member's notifications go. */
    public void deleteFor(long userId) {
        jdbc.sql("delete from notifications where user_id = :u").param("u", userId).update();
    }
}
