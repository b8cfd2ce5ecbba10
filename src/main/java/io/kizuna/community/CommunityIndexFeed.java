package io.kizuna.community;

import io.kizuna.shared.Actor;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What search needs from the community: the durable change log (written by triggers in each writing transaction),
 * the current text of changed threads, and which spaces an actor may see (the same rule as {@link CommunityPolicy}).
 */
@Service
public class CommunityIndexFeed {
    /** A position in the change log: changes of transactions up to {@code txid}, ids up to {@code id}. */
    public record ChangeCursor(long txid, long id) {
        public static final ChangeCursor START = new ChangeCursor(0, 0);
    }

    /** Threads changed as a whole, single replies changed, and the cursor to continue from. */
    public record Changes(Set<Long> threadIds, Set<Long> postIds, ChangeCursor next, boolean more) {}

    /** One reply with what its search document needs from its thread. */
    public record IndexedReply(long id, long threadId, long spaceId, String title, String kind, boolean solved, String body,
                               boolean deleted, boolean openingPost) {}

    public record IndexedPost(long id, String body, boolean deleted) {}

    public record IndexedThread(long id, long spaceId, String title, String kind, boolean solved, boolean deleted,
                                OffsetDateTime createdAt, List<IndexedPost> posts) {}

    private static final int MAX_POSTS_PER_THREAD = 5_000;
    private final JdbcClient jdbc;
    private final CommunityPolicy policy;

    CommunityIndexFeed(JdbcClient jdbc, CommunityPolicy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    /**
     * Changes after {@code cursor} from transactions that have finished. A change of a still-running transaction
     * (whose id is at or above the snapshot's xmin) waits for the next call instead of being skipped.
     */
    @Transactional(readOnly = true)
    public Changes after(ChangeCursor cursor, int limit) {
        long xmin = jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint").query(Long.class).single();
        record Row(long id, long txid, String entity, long entityId, Long threadId) {}
        var rows = jdbc.sql("""
                select id, txid, entity, entity_id, thread_id from community_changes
                where (txid, id) > (:txid, :id) and txid < :xmin order by txid, id limit :limit""")
            .param("txid", cursor.txid()).param("id", cursor.id()).param("xmin", xmin).param("limit", limit)
            .query(Row.class).list();
        var threads = new LinkedHashSet<Long>();
        var posts = new LinkedHashSet<Long>();
        rows.forEach(r -> {
            if (r.entity().equals("thread")) threads.add(r.entityId());
            else if (r.entity().equals("post")) posts.add(r.entityId());
        });
        var next = rows.isEmpty() ? cursor : new ChangeCursor(rows.getLast().txid(), rows.getLast().id());
        return new Changes(threads, posts, next, rows.size() == limit);
    }

    /** The cursor at which a full rebuild that starts now is complete: every finished change is in what it reads. */
    public ChangeCursor now() {
        long xmin = jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint").query(Long.class).single();
        return new ChangeCursor(xmin - 1, Long.MAX_VALUE);
    }

    /** Thread ids in id order, for a rebuild. */
    public List<Long> threadIdsAfter(long afterId, int limit) {
        return jdbc.sql("select id from community_threads where id > :after order by id limit :limit")
            .param("after", afterId).param("limit", limit).query(Long.class).list();
    }

    /** The current text of these threads and their posts (deleted ones flagged, so the index drops them). */
    @Transactional(readOnly = true)
    public List<IndexedThread> threads(Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        long[] idArray = ids.stream().mapToLong(Long::longValue).toArray();
        Map<Long, List<IndexedPost>> posts = new HashMap<>();
        jdbc.sql("""
                select id, thread_id, body, (deleted_at is not null or moderation is not null) as deleted from (
                  select p.*, row_number() over (partition by thread_id order by id) as n from community_posts p where thread_id = any(:ids)
                ) x where n <= :max order by thread_id, id""")
            .param("ids", idArray).param("max", MAX_POSTS_PER_THREAD)
            .query((rs, i) -> posts.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>())
                .add(new IndexedPost(rs.getLong(1), rs.getString(3), rs.getBoolean(4))))
            .list();
        return jdbc.sql("""
                select id, space_id, title, kind, accepted_post_id is not null as solved, (deleted_at is not null or moderation is not null) as deleted, created_at
                from community_threads where id = any(:ids)""")
            .param("ids", idArray)
            .query((rs, i) -> new IndexedThread(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                rs.getBoolean(6), rs.getObject(7, OffsetDateTime.class), posts.getOrDefault(rs.getLong(1), List.of())))
            .list();
    }

    /** Single replies for an incremental update: a new reply costs one document, not its whole thread. */
    @Transactional(readOnly = true)
    public List<IndexedReply> replies(Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return jdbc.sql("""
                select p.id, p.thread_id, t.space_id, t.title, t.kind, t.accepted_post_id is not null as solved, p.body,
                  (p.deleted_at is not null or t.deleted_at is not null or p.moderation is not null or t.moderation is not null) as deleted,
                  p.id = (select min(f.id) from community_posts f where f.thread_id = p.thread_id) as opening_post
                from community_posts p join community_threads t on t.id = p.thread_id where p.id = any(:ids)""")
            .param("ids", ids.stream().mapToLong(Long::longValue).toArray())
            .query(IndexedReply.class).list();
    }

    /** The spaces an actor may see, by the community's visibility rule. */
    public Set<Long> visibleSpaceIds(Optional<Actor> actor) {
        var filter = policy.visibleSpaces(actor);
        return new LinkedHashSet<>(filter.bind(jdbc.sql("select s.id from community_spaces s where " + filter.where())).query(Long.class).list());
    }
}
