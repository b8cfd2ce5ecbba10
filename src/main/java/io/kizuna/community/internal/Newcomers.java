package io.kizuna.community.internal;

import io.kizuna.community.CommunityPolicy.SqlFilter;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Newcomers' first posts (a member's first post ever, in the last {@code days} days) not yet welcomed, and the
 * {@code community_welcomes} that take them off the list.
 */
@Repository
public class Newcomers {
    public record FirstPost(long postId, long threadId, String threadTitle, long spaceId, String spaceSlug, long authorId, String body,
                            OffsetDateTime createdAt, boolean opening) {}

    private final JdbcClient jdbc;

    Newcomers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Unwelcomed first posts in spaces passing {@code visible} (over spaces aliased {@code s}), newest first. */
    public List<FirstPost> unwelcomed(SqlFilter visible, int days, int limit) {
        return visible.bind(jdbc.sql("""
                select p.id as post_id, p.thread_id, t.title as thread_title, t.space_id, s.slug as space_slug, p.author_id, p.body, p.created_at,
                  p.id = (select min(q.id) from community_posts q where q.thread_id = p.thread_id) as opening
                from community_posts p join community_threads t on t.id = p.thread_id join community_spaces s on s.id = t.space_id
                where p.created_at > now() - make_interval(days => :days)
                  and p.deleted_at is null and p.moderation is null and t.deleted_at is null and t.moderation is null
                  and not exists (select 1 from community_posts e where e.author_id = p.author_id and e.id < p.id)
                  and not exists (select 1 from community_welcomes w where w.post_id = p.id)
                  and\s""" + visible.where() + " order by p.id desc limit :limit"))
            .param("days", days).param("limit", limit).query(FirstPost.class).list();
    }

    /** The post if it is its author's first post (and not welcomed yet or already: see {@link #welcomed}). */
    public Optional<FirstPost> firstPost(long postId) {
        return jdbc.sql("""
                select p.id as post_id, p.thread_id, t.title as thread_title, t.space_id, s.slug as space_slug, p.author_id, p.body, p.created_at,
                  p.id = (select min(q.id) from community_posts q where q.thread_id = p.thread_id) as opening
                from community_posts p join community_threads t on t.id = p.thread_id join community_spaces s on s.id = t.space_id
                where p.id = :p and p.deleted_at is null and p.moderation is null
                  and not exists (select 1 from community_posts e where e.author_id = p.author_id and e.id < p.id)""")
            .param("p", postId).query(FirstPost.class).optional();
    }

    /** Records the welcome; false when someone welcomed this post already. */
    public boolean welcome(long postId, long authorId, long by) {
        return jdbc.sql("insert into community_welcomes (post_id, author_id, welcomed_by) values (:p, :a, :by) on conflict do nothing")
            .param("p", postId).param("a", authorId).param("by", by).update() == 1;
    }

    public void replied(long postId, long replyPostId) {
        jdbc.sql("update community_welcomes set reply_post_id = :r where post_id = :p").param("r", replyPostId).param("p", postId).update();
    }
}
