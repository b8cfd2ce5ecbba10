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

    /** Replies or new threads to add to a member's unread notification of that thread ({@code count} of them). */
    public record ActivityCount(long userId, String kind, long threadId, Long postId, long actorId, int count) {}

    /** A mention or accepted answer for a member. */
    public record Personal(long userId, String kind, long threadId, Long postId, long actorId) {}

    /** Adds to members' unread activity notifications (one per member, thread and kind); keys must be distinct. */
    public List<Written> activity(Collection<ActivityCount> counts) {
        if (counts.isEmpty()) return List.of();
        return jdbc.sql("""
                insert into notifications (user_id, kind, thread_id, post_id, actor_id, count)
                select * from unnest(cast(:users as bigint[]), cast(:kinds as text[]), cast(:threads as bigint[]),
                                     cast(:posts as bigint[]), cast(:actors as bigint[]), cast(:counts as int[]))
                on conflict (user_id, thread_id, kind) where read_at is null and kind in ('reply', 'new_thread')
                do update set count = notifications.count + excluded.count, post_id = excluded.post_id, actor_id = excluded.actor_id,
                  updated_at = now()
                returning id, user_id, kind, thread_id, post_id, actor_id, xmax = 0 as fresh""")
            .param("users", counts.stream().mapToLong(ActivityCount::userId).toArray())
            .param("kinds", counts.stream().map(ActivityCount::kind).toArray(String[]::new))
            .param("threads", counts.stream().mapToLong(ActivityCount::threadId).toArray())
            .param("posts", counts.stream().map(ActivityCount::postId).toArray(Long[]::new))
            .param("actors", counts.stream().mapToLong(ActivityCount::actorId).toArray())
            .param("counts", counts.stream().mapToInt(ActivityCount::count).toArray())
            .query(Written.class).list();
    }

    /** Mentions and accepted answers: once per member, post and kind, however often they are asked for. */
    public List<Written> personal(Collection<Personal> items) {
        if (items.isEmpty()) return List.of();
        return jdbc.sql("""
                insert into notifications (user_id, kind, thread_id, post_id, actor_id)
                select * from unnest(cast(:users as bigint[]), cast(:kinds as text[]), cast(:threads as bigint[]),
                                     cast(:posts as bigint[]), cast(:actors as bigint[]))
                on conflict (user_id, post_id, kind) where kind in ('mention', 'accepted') do nothing
                returning id, user_id, kind, thread_id, post_id, actor_id, true as fresh""")
            .param("users", items.stream().mapToLong(Personal::userId).toArray())
            .param("kinds", items.stream().map(Personal::kind).toArray(String[]::new))
            .param("threads", items.stream().mapToLong(Personal::threadId).toArray())
            .param("posts", items.stream().map(Personal::postId).toArray(Long[]::new))
            .param("actors", items.stream().mapToLong(Personal::actorId).toArray())
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

    /** The thread of each unread notification, up to {@code limit} of them (for {@link UnreadCount}). */
    List<Long> unreadThreadIds(long userId, int limit) {
        return jdbc.sql("select thread_id from notifications where user_id = :u and read_at is null limit :limit")
            .param("u", userId).param("limit", limit).query(Long.class).list();
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
