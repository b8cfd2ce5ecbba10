package io.kizuna.live.internal;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code live_sessions} and {@code live_session_skus} tables. */
@Repository
public class Shows {
    /** A show as stored. */
    public record ShowRow(long id, String title, String description, String streamUrl, String visibility, String state,
                          OffsetDateTime startsAt, OffsetDateTime startedAt, OffsetDateTime endedAt, String pinnedSku,
                          int slowModeSeconds, long lastSeq, int peakViewers, long reactions, long createdBy, OffsetDateTime createdAt) {
        public boolean live() {
            return "live".equals(state);
        }
    }

    private static final String COLUMNS = "id, title, description, stream_url, visibility, state, starts_at, started_at, ended_at, "
        + "pinned_sku, slow_mode_seconds, last_seq, peak_viewers, reactions, created_by, created_at";

    private final JdbcClient jdbc;

    Shows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String title, String description, String streamUrl, String visibility, OffsetDateTime startsAt, List<String> skus,
                       long createdBy) {
        long id = jdbc.sql("""
                insert into live_sessions (title, description, stream_url, visibility, starts_at, created_by)
                values (:title, :description, :url, :visibility, :starts, :by) returning id""")
            .param("title", title).param("description", description).param("url", streamUrl).param("visibility", visibility)
            .param("starts", startsAt).param("by", createdBy).query(Long.class).single();
        jdbc.sql("insert into live_session_skus (session_id, sku, position) select :id, s.sku, s.n from unnest(:skus) with ordinality as s (sku, n)")
            .param("id", id).param("skus", skus.toArray(String[]::new)).update();
        return id;
    }

    public Optional<ShowRow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from live_sessions where id = :id").param("id", id).query(ShowRow.class).optional();
    }

    /** The show locked for a change of state, so a start and an end never both apply. */
    public Optional<ShowRow> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from live_sessions where id = :id for update").param("id", id).query(ShowRow.class).optional();
    }

    public List<String> skus(long id) {
        return jdbc.sql("select sku from live_session_skus where session_id = :id order by position").param("id", id).query(String.class).list();
    }

    public Map<Long, List<String>> skus(List<Long> ids) {
        var result = new HashMap<Long, List<String>>();
        jdbc.sql("select session_id, sku from live_session_skus where session_id = any(:ids) order by session_id, position")
            .param("ids", ids.stream().mapToLong(Long::longValue).toArray())
            .query((rs, i) -> Map.entry(rs.getLong(1), rs.getString(2))).list()
            .forEach(e -> result.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
        return result;
    }

    /**
     * A page of shows. Scheduled ones soonest first; live and ended (and all, when {@code state} is null) newest start
     * first. {@code members} includes members-only shows.
     */
    public List<ShowRow> page(String state, boolean members, OffsetDateTime afterStart, Long afterId, int limit) {
        boolean ascending = "scheduled".equals(state);
        var where = new StringBuilder("where true");
        if (state != null) where.append(" and state = :state");
        if (!members) where.append(" and visibility = 'public'");
        if (afterId != null) where.append(ascending ? " and (starts_at, id) > (:t, :i)" : " and (starts_at, id) < (:t, :i)");
        var spec = jdbc.sql("select " + COLUMNS + " from live_sessions " + where + " order by starts_at " + (ascending ? "asc" : "desc")
            + ", id " + (ascending ? "asc" : "desc") + " limit :limit").param("limit", limit);
        if (state != null) spec = spec.param("state", state);
        if (afterId != null) spec = spec.param("t", afterStart).param("i", afterId);
        return spec.query(ShowRow.class).list();
    }

    public void setState(long id, String state) {
        String stamp = "live".equals(state) ? "started_at" : "ended_at";
        jdbc.sql("update live_sessions set state = :s, " + stamp + " = now() where id = :id").param("s", state).param("id", id).update();
    }

    public void pin(long id, String sku) {
        jdbc.sql("update live_sessions set pinned_sku = :sku where id = :id").param("sku", sku).param("id", id).update();
    }

    public void slowMode(long id, int seconds) {
        jdbc.sql("update live_sessions set slow_mode_seconds = :s where id = :id").param("s", seconds).param("id", id).update();
    }

    public void addReactions(long id, long count) {
        jdbc.sql("update live_sessions set reactions = reactions + :n where id = :id").param("n", count).param("id", id).update();
    }

    /** Raises the peak when {@code viewers} is above it. */
    public void peak(long id, int viewers) {
        jdbc.sql("update live_sessions set peak_viewers = :v where id = :id and peak_viewers < :v").param("v", viewers).param("id", id).update();
    }

    /** Backdates a show's times (demo data only). */
    public void times(long id, OffsetDateTime startedAt, OffsetDateTime endedAt) {
        jdbc.sql("update live_sessions set started_at = :s, ended_at = coalesce(:e, ended_at) where id = :id")
            .param("s", startedAt).param("e", endedAt).param("id", id).update();
    }
}
