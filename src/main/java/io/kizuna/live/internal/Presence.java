package io.kizuna.live.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Viewer counts across nodes: each node writes its own count per show every few seconds ({@code live_presence}); a
 * show's count is the sum of the rows refreshed in the last {@link #FRESH_SECONDS}, so a node that died stops counting.
 */
@Repository
class Presence {
    static final int FRESH_SECONDS = 10;

    private final JdbcClient jdbc;

    Presence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes this node's counts, and the 15-second sample of the shows that are live. */
    void report(String node, Map<Long, Integer> counts, Collection<Long> liveShows) {
        if (counts.isEmpty()) return;
        var ids = counts.keySet().stream().mapToLong(Long::longValue).toArray();
        var values = counts.keySet().stream().mapToInt(counts::get).toArray();
        jdbc.sql("""
                insert into live_presence (session_id, node_id, viewers, updated_at)
                select s, :node, v, now() from unnest(:ids, :values) as c (s, v)
                on conflict (session_id, node_id) do update set viewers = excluded.viewers, updated_at = now()""")
            .param("node", node).param("ids", ids).param("values", values).update();
        if (liveShows.isEmpty()) return;
        jdbc.sql("""
                insert into live_viewer_samples (session_id, at, node_id, viewers)
                select c.s, date_bin('15 seconds', now(), timestamptz '2000-01-01'), :node, c.v from unnest(:ids, :values) as c (s, v)
                where c.s = any(:live)
                on conflict (session_id, at, node_id) do update set viewers = greatest(live_viewer_samples.viewers, excluded.viewers)""")
            .param("node", node).param("ids", ids).param("values", values)
            .param("live", liveShows.stream().mapToLong(Long::longValue).toArray()).update();
    }

    /** Each show's viewers over all nodes. */
    Map<Long, Integer> totals(Collection<Long> shows) {
        var result = new HashMap<Long, Integer>();
        if (shows.isEmpty()) return result;
        jdbc.sql("select session_id, sum(viewers)::int from live_presence where session_id = any(:ids) "
                + "and updated_at > now() - make_interval(secs => :fresh) group by session_id")
            .param("ids", shows.stream().mapToLong(Long::longValue).toArray()).param("fresh", FRESH_SECONDS)
            .query((rs, i) -> Map.entry(rs.getLong(1), rs.getInt(2))).list().forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    int total(long show) {
        return totals(java.util.List.of(show)).getOrDefault(show, 0);
    }

    void uniques(long show, Collection<String> viewers) {
        jdbc.sql("insert into live_unique_viewers (session_id, viewer) select :s, unnest(:v) on conflict do nothing")
            .param("s", show).param("v", viewers.toArray(String[]::new)).update();
    }

    /** Forgets this node's rows (on shutdown) so its viewers stop counting at once. */
    void leave(String node) {
        jdbc.sql("delete from live_presence where node_id = :node").param("node", node).update();
    }
}
