package io.kizuna.notifications.internal;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code notification_inbox} table: community happenings written in the community's own transaction, taken by
 * the fan-out worker of any node, one batch at a time, and deleted in the worker's transaction, so each is fanned
 * out once, and again only if that worker failed before committing.
 */
@Repository
public class Inbox {
    public record Happening(long id, String kind, long threadId, Long spaceId, Long postId, long actorId, Long subjectId, boolean opening,
                            Set<Long> mentioned) {}

    private final JdbcClient jdbc;

    Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String INSERT = """
            insert into notification_inbox (kind, thread_id, space_id, post_id, actor_id, subject_id, opening, mentioned)
            values (:kind, :thread, :space, :post, :actor, :subject, :opening, :mentioned)""";

    public void add(String kind, long threadId, Long spaceId, Long postId, long actorId, Long subjectId, boolean opening, Collection<Long> mentioned) {
        params(jdbc.sql(INSERT), kind, threadId, spaceId, postId, actorId, subjectId, opening, mentioned).update();
    }

    /** {@link #add}, and the actor follows the thread (a writer hears of the replies), in one statement. */
    public void addAndFollowThread(String kind, long threadId, Long spaceId, Long postId, long actorId, boolean opening, Collection<Long> mentioned) {
        params(jdbc.sql("with happened as (" + INSERT + ") " + Follows.FOLLOW), kind, threadId, spaceId, postId, actorId, null, opening, mentioned)
            .param("t", Follows.THREAD).param("id", threadId).param("u", actorId).update();
    }

    /** See {@link PublishedPosts}: reads the CTE {@code published} of the community's statement. */
    static final String PUBLISHED_CTES = """
            notification_inbox_row as (
              insert into notification_inbox (kind, thread_id, post_id, actor_id, opening, mentioned)
              select 'post_published', thread_id, post_id, author_id, opening, mentioned from published),
            notification_author_follows as (
              insert into notification_follows (target_type, target_id, user_id)
              select '""" + Follows.THREAD + "', thread_id, author_id from published on conflict do nothing)";

    private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec sql, String kind, long threadId, Long spaceId, Long postId, long actorId,
                                                   Long subjectId, boolean opening, Collection<Long> mentioned) {
        return sql.param("kind", kind).param("thread", threadId).param("space", spaceId).param("post", postId).param("actor", actorId)
            .param("subject", subjectId).param("opening", opening).param("mentioned", mentioned.stream().mapToLong(Long::longValue).toArray());
    }

    /** Any number; only the fan-out takes this advisory lock. */
    private static final long FAN_OUT_LOCK = 0x6b697a756e61_01L;

    /**
     * Takes up to {@code limit} happenings, oldest first, once any other worker's batch (this node's or another's) has
     * committed. One batch at a time keeps the order that {@link Fanout} promises: a member who follows a thread in
     * one batch hears of the replies in the next, which a batch worked out alongside it would miss. The wait is for a
     * batch's few statements; the lock ends with this transaction.
     */
    public List<Happening> take(int limit) {
        jdbc.sql("select 1 from pg_advisory_xact_lock(:key)").param("key", FAN_OUT_LOCK).query(Integer.class).single();
        // a new statement, so it sees what the batch before this one committed
        return jdbc.sql("""
                delete from notification_inbox where id = any(array
                  (select id from notification_inbox order by id limit :n for update skip locked))
                returning id, kind, thread_id, space_id, post_id, actor_id, subject_id, opening, mentioned""")
            .param("n", limit)
            .query((rs, i) -> new Happening(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getObject(4, Long.class),
                rs.getObject(5, Long.class), rs.getLong(6), rs.getObject(7, Long.class), rs.getBoolean(8), ids(rs.getArray(9))))
            .list().stream().sorted(Comparator.comparingLong(Happening::id)).toList();
    }

    public boolean isEmpty() {
        return !jdbc.sql("select exists (select 1 from notification_inbox)").query(Boolean.class).single();
    }

    private static Set<Long> ids(Array array) throws SQLException {
        return Arrays.stream((Long[]) array.getArray()).collect(Collectors.toSet());
    }
}
