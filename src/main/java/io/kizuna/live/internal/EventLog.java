package io.kizuna.live.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The durable event log of each show ({@code live_events}). Appending takes the show's next sequence number by
 * updating its row, which keeps the row locked until the writer commits: events of one show therefore commit in
 * sequence order, so a node that reads "everything after n" can never miss an event that commits later with a lower
 * number. The NOTIFY sent with it only wakes the other nodes; they read the rows.
 */
@Repository
public class EventLog {
    public static final String CHANNEL = "kizuna_live";

    /** A stored event; {@code payload} is its JSON. */
    public record Event(long seq, String kind, String payload) {}

    private final JdbcClient jdbc;

    EventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Appends an event in the caller's transaction and returns its sequence number; empty when {@code liveOnly} and
     * the show is not live (it ended meanwhile). Other nodes are told when the transaction commits.
     */
    public Optional<Long> append(long sessionId, String kind, String payload, boolean liveOnly) {
        return jdbc.sql("""
                with s as (update live_sessions set last_seq = last_seq + 1 where id = :id and (not :liveOnly or state = 'live') returning last_seq),
                     e as (insert into live_events (session_id, seq, kind, payload) select :id, last_seq, :kind, :payload from s returning seq)
                select seq, pg_notify(:channel, :id || ':' || seq) from e""")
            .param("id", sessionId).param("liveOnly", liveOnly).param("kind", kind).param("payload", payload).param("channel", CHANNEL)
            .query((rs, i) -> rs.getLong(1)).optional();
    }

    /** Events after {@code seq}, oldest first, at most {@code limit}. */
    public List<Event> after(long sessionId, long seq, int limit) {
        return jdbc.sql("select seq, kind, payload from live_events where session_id = :id and seq > :seq order by seq limit :limit")
            .param("id", sessionId).param("seq", seq).param("limit", limit).query(Event.class).list();
    }

    /** The newest {@code limit} events, oldest first. */
    public List<Event> latest(long sessionId, int limit) {
        return jdbc.sql("select * from (select seq, kind, payload from live_events where session_id = :id order by seq desc limit :limit) e order by seq")
            .param("id", sessionId).param("limit", limit).query(Event.class).list();
    }

    /** Replaces an event's content (a deleted message leaves no text behind for later listeners). */
    public void rewrite(long sessionId, long seq, String kind, String payload) {
        jdbc.sql("update live_events set kind = :kind, payload = :payload where session_id = :id and seq = :seq")
            .param("kind", kind).param("payload", payload).param("id", sessionId).param("seq", seq).update();
    }
}
