package io.kizuna.community.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code community_poll*} tables: a thread's poll, its options with their counts, and who voted for what. */
@Repository
public class Polls {
    public record PollRow(long threadId, String question, boolean multiple, OffsetDateTime closesAt, int voters) {}

    public record OptionRow(long id, int position, String label, int votes) {}

    private final JdbcClient jdbc;

    Polls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(long threadId, String question, boolean multiple, OffsetDateTime closesAt, List<String> options) {
        jdbc.sql("insert into community_polls (thread_id, question, multiple, closes_at) values (:t, :q, :m, :c)")
            .param("t", threadId).param("q", question).param("m", multiple).param("c", closesAt).update();
        jdbc.sql("""
                insert into community_poll_options (thread_id, position, label)
                select :t, o.position, o.label from unnest(cast(:labels as text[])) with ordinality as o(label, position)""")
            .param("t", threadId).param("labels", options.toArray(String[]::new)).update();
        jdbc.sql("update community_threads set has_poll = true where id = :t").param("t", threadId).update();
    }

    public Optional<PollRow> find(long threadId) {
        return jdbc.sql("select thread_id, question, multiple, closes_at, voters from community_polls where thread_id = :t")
            .param("t", threadId).query(PollRow.class).optional();
    }

    public List<OptionRow> options(long threadId) {
        return jdbc.sql("select id, position, label, votes from community_poll_options where thread_id = :t order by position")
            .param("t", threadId).query(OptionRow.class).list();
    }

    /** The options a member chose; empty when they have not voted. */
    public List<Long> choices(long threadId, long userId) {
        return jdbc.sql("select option_id from community_poll_votes where thread_id = :t and user_id = :u order by option_id")
            .param("t", threadId).param("u", userId).query(Long.class).list();
    }

    /**
     * Records a member's ballot; false when they had already voted. The voter row is the guard (its primary key
     * decides a race), and the counts change in the same statements, so they stay exact.
     */
    public boolean vote(long threadId, long userId, List<Long> optionIds) {
        int guard = jdbc.sql("insert into community_poll_voters (thread_id, user_id) values (:t, :u) on conflict do nothing")
            .param("t", threadId).param("u", userId).update();
        if (guard == 0) return false;
        long[] ids = optionIds.stream().mapToLong(Long::longValue).toArray();
        jdbc.sql("insert into community_poll_votes (option_id, thread_id, user_id) select unnest(cast(:ids as bigint[])), :t, :u")
            .param("ids", ids).param("t", threadId).param("u", userId).update();
        jdbc.sql("update community_poll_options set votes = votes + 1 where thread_id = :t and id = any(:ids)")
            .param("t", threadId).param("ids", ids).update();
        jdbc.sql("update community_polls set voters = voters + 1 where thread_id = :t").param("t", threadId).update();
        return true;
    }

    /** Takes a member's ballot back; false when there was none. */
    public boolean retract(long threadId, long userId) {
        int guard = jdbc.sql("delete from community_poll_voters where thread_id = :t and user_id = :u")
            .param("t", threadId).param("u", userId).update();
        if (guard == 0) return false;
        jdbc.sql("""
                with gone as (delete from community_poll_votes where thread_id = :t and user_id = :u returning option_id)
                update community_poll_options set votes = votes - 1 where id in (select option_id from gone)""")
            .param("t", threadId).param("u", userId).update();
        jdbc.sql("update community_polls set voters = voters - 1 where thread_id = :t").param("t", threadId).update();
        return true;
    }
}
