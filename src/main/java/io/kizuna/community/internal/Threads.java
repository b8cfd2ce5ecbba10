package io.kizuna.community.internal;

import io.kizuna.community.ThreadKind;
import io.kizuna.community.Visibility;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code community_threads} and {@code community_idea_votes} tables. */
@Repository
public class Threads {
    /** A thread with its space's visibility facts and the viewer's vote. */
    public record ThreadRow(long id, long spaceId, String spaceSlug, String spaceName, String visibility,
                            String kind, String title, long authorId, String status, String statusComment, Long acceptedPostId,
                            boolean locked, boolean pinned, int postCount, int voteCount, boolean viewerVoted, boolean hasPoll,
                            OffsetDateTime lastActivityAt, OffsetDateTime createdAt, String moderation, String moderationReason,
                            String closedReason) {
        public Visibility visibilityValue() {
            return Visibility.fromCode(visibility).orElseThrow();
        }

        public ThreadKind kindValue() {
            return ThreadKind.fromCode(kind).orElseThrow();
        }

        public ThreadRow withViewerVoted() {
            return new ThreadRow(id, spaceId, spaceSlug, spaceName, visibility, kind, title, authorId, status, statusComment,
                acceptedPostId, locked, pinned, postCount, voteCount, true, hasPoll, lastActivityAt, createdAt, moderation, moderationReason,
                closedReason);
        }
    }

    private static final String SELECT = """
        select t.id, t.space_id, s.slug as space_slug, s.name as space_name, s.visibility,
          t.kind, t.title, t.author_id, t.status, t.status_comment, t.accepted_post_id, t.locked, t.pinned, t.post_count,
          t.vote_count, exists (select 1 from community_idea_votes v where v.thread_id = t.id and v.user_id = :viewer) as viewer_voted,
          t.has_poll, t.last_activity_at, t.created_at, t.moderation, t.moderation_reason, t.closed_reason
        from community_threads t join community_spaces s on s.id = t.space_id
        """;

    private final JdbcClient jdbc;

    Threads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long spaceId, ThreadKind kind, String title, long authorId) {
        return jdbc.sql("insert into community_threads (space_id, kind, title, author_id) values (:s, :k, :t, :a) returning id")
            .param("s", spaceId).param("k", kind.code()).param("t", title).param("a", authorId).query(Long.class).single();
    }

    public Optional<ThreadRow> find(long id, long viewer) {
        return jdbc.sql(SELECT + " where t.id = :id and t.deleted_at is null")
            .param("id", id).param("viewer", viewer).query(ThreadRow.class).optional();
    }

    /** Live threads by id (a batch's, read at once; no viewer's vote). */
    public List<ThreadRow> findAll(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return jdbc.sql(SELECT + " where t.id = any(:ids) and t.deleted_at is null")
            .param("ids", ids.stream().mapToLong(Long::longValue).toArray()).param("viewer", 0L).query(ThreadRow.class).list();
    }

    /** Locks the thread row for a change that must see its latest state (accepting, counting). */
    public void lock(long id) {
        jdbc.sql("select id from community_threads where id = :id for update").param("id", id).query(Long.class).optional();
    }

    /**
     * One page of a space's threads: pinned first, then by latest activity. Keyset pagination on
     * (pinned, last_activity_at, id), so page 1,000 costs what page 1 costs.
     */
    public List<ThreadRow> page(long spaceId, long viewer, Boolean afterPinned, OffsetDateTime afterActivity, Long afterId, int limit) {
        String keyset = afterId == null ? "" : " and (t.pinned, t.last_activity_at, t.id) < (:pinned, :activity, :afterId)";
        var spec = jdbc.sql(SELECT + " where t.space_id = :space and t.deleted_at is null and t.moderation is null" + keyset
                + " order by t.pinned desc, t.last_activity_at desc, t.id desc limit :limit")
            .param("space", spaceId).param("viewer", viewer).param("limit", limit);
        if (afterId != null) spec = spec.param("pinned", afterPinned).param("activity", afterActivity).param("afterId", afterId);
        return spec.query(ThreadRow.class).list();
    }

    public void touch(long id, int postDelta) {
        jdbc.sql("update community_threads set post_count = post_count + :d, last_activity_at = case when :d > 0 then now() else last_activity_at end where id = :id")
            .param("d", postDelta).param("id", id).update();
    }

    public void accept(long id, long postId) {
        jdbc.sql("update community_threads set accepted_post_id = :p, status = 'solved' where id = :id").param("p", postId).param("id", id).update();
    }

    /** Locks (with why it was closed, or null) or unlocks a thread; unlocking forgets the reason. */
    public void setLocked(long id, boolean locked, String closedReason) {
        jdbc.sql("update community_threads set locked = :l, closed_reason = :r where id = :id")
            .param("l", locked).param("r", locked ? closedReason : null).param("id", id).update();
    }

    public void retitle(long id, String title) {
        jdbc.sql("update community_threads set title = :t where id = :id").param("t", title).param("id", id).update();
    }

    public void setPinned(long id, boolean pinned) {
        jdbc.sql("update community_threads set pinned = :p where id = :id").param("p", pinned).param("id", id).update();
    }

    public void move(long id, long spaceId) {
        jdbc.sql("update community_threads set space_id = :s where id = :id").param("s", spaceId).param("id", id).update();
    }

    public void setStatus(long id, String status, String comment) {
        jdbc.sql("update community_threads set status = :s, status_comment = :c where id = :id")
            .param("s", status).param("c", comment).param("id", id).update();
    }

    public void softDelete(long id) {
        jdbc.sql("update community_threads set deleted_at = now() where id = :id").param("id", id).update();
    }

    /** Hides or holds a thread ({@code state} null shows it again); lists and search leave such threads out. */
    public void setModeration(long id, String state, String reason) {
        jdbc.sql("update community_threads set moderation = :m, moderation_reason = :r where id = :id")
            .param("m", state).param("r", reason).param("id", id).update();
    }

    /** Moves the post count without moving the activity time (a post hidden or shown again). */
    public void adjustPostCount(long id, int delta) {
        jdbc.sql("update community_threads set post_count = greatest(post_count + :d, 0) where id = :id").param("d", delta).param("id", id).update();
    }

    /** Live threads among {@code ids} in spaces that pass the visibility filter: id, title, space slug and name. */
    public List<io.kizuna.community.Views.ThreadRef> refs(java.util.Collection<Long> ids, io.kizuna.community.CommunityPolicy.SqlFilter visible) {
        if (ids.isEmpty()) return List.of();
        return visible.bind(jdbc.sql("select cast(t.id as text) as id, t.title, s.slug as space_slug, s.name as space_name "
                + "from community_threads t join community_spaces s on s.id = t.space_id "
                + "where t.id = any(:ids) and t.deleted_at is null and t.moderation is null and " + visible.where()))
            .param("ids", ids.stream().mapToLong(Long::longValue).toArray())
            .query(io.kizuna.community.Views.ThreadRef.class).list();
    }

    /** Which of these idea threads the member voted for. */
    public java.util.Set<Long> votedAmong(java.util.Collection<Long> threadIds, long userId) {
        return new java.util.HashSet<>(jdbc.sql("select thread_id from community_idea_votes where user_id = :u and thread_id = any(:t)")
            .param("u", userId).param("t", threadIds.stream().mapToLong(Long::longValue).toArray()).query(Long.class).list());
    }

    /** Records a vote; false when the member had already voted. Keeps vote_count exact in the same statement. */
    public boolean vote(long threadId, long userId) {
        return jdbc.sql("""
                with v as (insert into community_idea_votes (thread_id, user_id) values (:t, :u) on conflict do nothing returning 1)
                update community_threads set vote_count = vote_count + 1 where id = :t and exists (select 1 from v)""")
            .param("t", threadId).param("u", userId).update() == 1;
    }

    public boolean unvote(long threadId, long userId) {
        return jdbc.sql("""
                with v as (delete from community_idea_votes where thread_id = :t and user_id = :u returning 1)
                update community_threads set vote_count = vote_count - 1 where id = :t and exists (select 1 from v)""")
            .param("t", threadId).param("u", userId).update() == 1;
    }
}
