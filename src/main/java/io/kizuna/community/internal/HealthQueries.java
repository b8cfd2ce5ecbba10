package io.kizuna.community.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The counts behind community health, one query per figure for all spaces: per space and member, posts, votes (idea
 * votes and poll ballots) and reactions given in a period; posts per week; questions waiting for a first reply.
 */
@Repository
public class HealthQueries {
    public record Waiting(long threadId, long spaceId, String title, OffsetDateTime createdAt) {}

    private final JdbcClient jdbc;

    HealthQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Per space, each member's count of {@code metric} (posts, votes or reactions) in [from, to). */
    public Map<Long, long[]> perMember(String metric, OffsetDateTime from, OffsetDateTime to) {
        String sql = switch (metric) {
            case "posts" -> """
                select t.space_id, p.author_id, count(*) from community_posts p join community_threads t on t.id = p.thread_id
                where p.created_at >= :from and p.created_at < :to and p.deleted_at is null and p.moderation is null
                  and t.deleted_at is null and t.moderation is null group by 1, 2""";
            case "votes" -> """
                select t.space_id, v.user_id, count(*) from (
                    select thread_id, user_id, created_at as at from community_idea_votes
                    union all select thread_id, user_id, voted_at from community_poll_voters) v
                join community_threads t on t.id = v.thread_id
                where v.at >= :from and v.at < :to and t.deleted_at is null group by 1, 2""";
            case "reactions" -> """
                select t.space_id, r.user_id, count(*) from community_reactions r join community_posts p on p.id = r.post_id
                join community_threads t on t.id = p.thread_id
                where r.created_at >= :from and r.created_at < :to and p.deleted_at is null and t.deleted_at is null group by 1, 2""";
            default -> throw new IllegalArgumentException(metric);
        };
        var lists = new HashMap<Long, List<Long>>();
        jdbc.sql(sql).param("from", from).param("to", to)
            .query((rs, i) -> lists.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(3))).list();
        var out = new HashMap<Long, long[]>();
        lists.forEach((space, counts) -> out.put(space, counts.stream().mapToLong(Long::longValue).toArray()));
        return out;
    }

    /** Per space, visible posts in each of the {@code weeks} seven-day windows before {@code end} (index 0 the latest). */
    public Map<Long, long[]> postsPerWeek(OffsetDateTime end, int weeks) {
        var out = new HashMap<Long, long[]>();
        jdbc.sql("""
                select t.space_id, floor(extract(epoch from (:end - p.created_at)) / 604800)::int as ago, count(*)
                from community_posts p join community_threads t on t.id = p.thread_id
                where p.created_at >= :from and p.created_at < :end and p.deleted_at is null and p.moderation is null
                  and t.deleted_at is null and t.moderation is null group by 1, 2""")
            .param("end", end).param("from", end.minusWeeks(weeks))
            .query((rs, i) -> {
                int ago = rs.getInt(2);
                if (ago >= 0 && ago < weeks) out.computeIfAbsent(rs.getLong(1), k -> new long[weeks])[ago] = rs.getLong(3);
                return null;
            }).list();
        return out;
    }

    /** Per space, how many questions asked in [since, before) have no reply and no accepted answer. */
    public Map<Long, Long> unansweredCounts(OffsetDateTime since, OffsetDateTime before) {
        var out = new HashMap<Long, Long>();
        jdbc.sql("select space_id, count(*) from community_threads where " + UNANSWERED + " group by 1")
            .param("since", since).param("before", before).query((rs, i) -> out.put(rs.getLong(1), rs.getLong(2))).list();
        return out;
    }

    /** The questions of one space waiting longest (oldest first) among those {@link #unansweredCounts} counts. */
    public List<Waiting> unanswered(long spaceId, OffsetDateTime since, OffsetDateTime before, int limit) {
        return jdbc.sql("select id as thread_id, space_id, title, created_at from community_threads where space_id = :s and " + UNANSWERED
                + " order by created_at, id limit :l")
            .param("s", spaceId).param("since", since).param("before", before).param("l", limit).query(Waiting.class).list();
    }

    private static final String UNANSWERED = "kind = 'question' and deleted_at is null and moderation is null and accepted_post_id is null "
        + "and post_count <= 1 and created_at >= :since and created_at < :before";
}
