package io.kizuna.community.internal;

import io.kizuna.community.CommunityPolicy;
import io.kizuna.community.internal.Threads.ThreadRow;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code community_posts}, {@code community_post_revisions} and {@code community_reactions} tables. */
@Repository
public class Posts {
    public record PostRow(long id, long threadId, long authorId, String body, String bodyHtml, Long replyToPostId,
                          OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime deletedAt, String moderation, String moderationReason) {
        public boolean deleted() {
            return deletedAt != null;
        }
    }

    private static final String COLUMNS = "id, thread_id, author_id, body, body_html, reply_to_post_id, created_at, updated_at, deleted_at, moderation, moderation_reason";
    /** A row of {@link #COLUMNS}, read by name: the reply statements return the thread's space beside them. */
    private static final RowMapper<PostRow> POST = (rs, i) -> new PostRow(rs.getLong("id"), rs.getLong("thread_id"), rs.getLong("author_id"),
        rs.getString("body"), rs.getString("body_html"), rs.getObject("reply_to_post_id", Long.class), rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class), rs.getObject("deleted_at", OffsetDateTime.class), rs.getString("moderation"),
        rs.getString("moderation_reason"));
    private final JdbcClient jdbc;
    private final Publishing publishing;

    Posts(JdbcClient jdbc, Publishing publishing) {
        this.jdbc = jdbc;
        this.publishing = publishing;
    }

    public PostRow insert(long threadId, long authorId, String body, String html, Long replyTo) {
        return jdbc.sql("insert into community_posts (thread_id, author_id, body, body_html, reply_to_post_id) values (:t, :a, :b, :h, :r) returning " + COLUMNS)
            .param("t", threadId).param("a", authorId).param("b", body).param("h", html).param("r", replyTo)
            .query(PostRow.class).single();
    }

    /** A reply stored by {@link #insertReplyWhereVisible}, with its thread's space. */
    public record StoredReply(PostRow post, long spaceId) {}

    /**
     * A reply and its count on the thread in one statement (one round trip fewer than counting, then inserting), only
     * while the thread is live, open (unless {@code evenIfLocked}) and still as {@code decidedOn} says where the
     * permission was decided: in that space, the space with that visibility, the thread with that moderation state.
     * Nothing is written, and empty is returned, when any of that no longer holds. With {@code publish}, the other
     * modules' writes on publishing ({@link Publishing}) are part of the same statement; call
     * {@link Publishing#stored} after it. A held reply is published later, when a moderator restores it.
     */
    public Optional<PostRow> insertReply(ThreadRow decidedOn, long authorId, String body, String html, Long replyTo, boolean evenIfLocked,
                                         boolean publish, Collection<Long> mentioned) {
        return reply("""
                  update community_threads t set post_count = post_count + 1, last_activity_at = now()
                  where t.id = :t and t.deleted_at is null and (not t.locked or :evenIfLocked)
                    and t.space_id = :space and coalesce(t.moderation, '') = :moderation
                    and exists (select 1 from community_spaces s where s.id = :space and s.visibility = :visibility)
                  returning t.id, t.space_id""", publish, authorId, body, html, replyTo, mentioned)
            .param("t", decidedOn.id()).param("evenIfLocked", evenIfLocked).param("space", decidedOn.spaceId())
            .param("moderation", decidedOn.moderation() == null ? "" : decidedOn.moderation()).param("visibility", decidedOn.visibility())
            .query(POST).optional();
    }

    /**
     * A published reply, decided and stored in one statement without reading the thread first: written only to a live,
     * open (unless {@code evenIfLocked}), unmoderated thread in a space that {@code visible} (the community policy's
     * filter for the writer, over the space as {@code s}) lets the writer see. Empty, with nothing written, otherwise;
     * the caller then reads the thread and decides as for any write. Call {@link Publishing#stored} after it.
     */
    public Optional<StoredReply> insertReplyWhereVisible(long threadId, CommunityPolicy.SqlFilter visible, long authorId, String body,
                                                         String html, boolean evenIfLocked, Collection<Long> mentioned) {
        return visible.bind(reply("""
                  update community_threads t set post_count = post_count + 1, last_activity_at = now()
                  from community_spaces s
                  where t.id = :t and s.id = t.space_id and t.deleted_at is null and (not t.locked or :evenIfLocked)
                    and t.moderation is null and""" + " " + visible.where() + " returning t.id, t.space_id",
                true, authorId, body, html, null, mentioned))
            .param("t", threadId).param("evenIfLocked", evenIfLocked)
            .query((rs, i) -> new StoredReply(POST.mapRow(rs, i), rs.getLong("space_id"))).optional();
    }

    /**
     * The statement both replies share: {@code counted} (the thread's count moved, returning its id and space) gates the
     * insert, and the result is the stored post with its thread's space.
     */
    private JdbcClient.StatementSpec reply(String counted, boolean publish, long authorId, String body, String html, Long replyTo,
                                           Collection<Long> mentioned) {
        return jdbc.sql("with counted as (" + counted + "), reply as (insert into community_posts (thread_id, author_id, body, body_html, reply_to_post_id) "
                + "select id, :a, :b, :h, :r from counted returning " + COLUMNS + ")" + (publish ? publishing.ctesOver("reply", false) : "")
                + " select " + COLUMNS + ", (select space_id from counted) as space_id from reply")
            .param("a", authorId).param("b", body).param("h", html).param("r", replyTo).param("mentioned", Publishing.mentioned(mentioned));
    }

    public Optional<PostRow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from community_posts where id = :id").param("id", id).query(PostRow.class).optional();
    }

    /** The thread's opening post (its first). */
    public Optional<Long> firstPostId(long threadId) {
        return jdbc.sql("select min(id) from community_posts where thread_id = :t").param("t", threadId).query(Long.class).optional();
    }

    /** A page of a thread's posts, oldest first (keyset on id). */
    public List<PostRow> page(long threadId, Long afterId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from community_posts where thread_id = :t and (cast(:after as bigint) is null or id > :after) order by id limit :limit")
            .param("t", threadId).param("after", afterId).param("limit", limit).query(PostRow.class).list();
    }

    /** Saves an edit and keeps the previous body as a revision. */
    public void edit(long id, String previousBody, String body, String html, long editedBy) {
        jdbc.sql("insert into community_post_revisions (post_id, body, edited_by) values (:p, :b, :by)")
            .param("p", id).param("b", previousBody).param("by", editedBy).update();
        jdbc.sql("update community_posts set body = :b, body_html = :h, updated_at = now() where id = :id")
            .param("b", body).param("h", html).param("id", id).update();
    }

    /** Hides or holds a post ({@code state} null shows it again). */
    public boolean setModeration(long id, String state, String reason) {
        return jdbc.sql("update community_posts set moderation = :m, moderation_reason = :r where id = :id and moderation is distinct from :m")
            .param("m", state).param("r", reason).param("id", id).update() == 1;
    }

    /** Soft delete: the row (and its history) stays for audit; readers see a placeholder. */
    public boolean softDelete(long id, long by) {
        return jdbc.sql("update community_posts set deleted_at = now(), deleted_by = :by where id = :id and deleted_at is null")
            .param("by", by).param("id", id).update() == 1;
    }

    /** Adds a reaction; false when this member already reacted with this type. */
    public boolean react(long postId, long userId, String type) {
        return jdbc.sql("insert into community_reactions (post_id, user_id, type) values (:p, :u, :t) on conflict do nothing")
            .param("p", postId).param("u", userId).param("t", type).update() == 1;
    }

    public boolean unreact(long postId, long userId, String type) {
        return jdbc.sql("delete from community_reactions where post_id = :p and user_id = :u and type = :t")
            .param("p", postId).param("u", userId).param("t", type).update() == 1;
    }

    /** The reactions one member gave to these posts, by post, in one query. */
    public Map<Long, Set<String>> reactionsBy(long userId, Collection<Long> postIds) {
        var result = new HashMap<Long, Set<String>>();
        if (postIds.isEmpty()) return result;
        jdbc.sql("select post_id, type from community_reactions where user_id = :u and post_id = any(:ids)")
            .param("u", userId).param("ids", postIds.stream().mapToLong(Long::longValue).toArray())
            .query((rs, i) -> result.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>()).add(rs.getString(2))).list();
        return result;
    }

    /** Reaction counts for a page of posts, in one query. */
    public Map<Long, Map<String, Integer>> reactionCounts(Collection<Long> postIds) {
        var result = new HashMap<Long, Map<String, Integer>>();
        if (postIds.isEmpty()) return result;
        jdbc.sql("select post_id, type, count(*) as n from community_reactions where post_id = any(:ids) group by post_id, type")
            .param("ids", postIds.stream().mapToLong(Long::longValue).toArray())
            .query((rs, i) -> {
                result.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3));
                return null;
            }).list();
        return result;
    }
}
