package io.kizuna.live;

import io.kizuna.live.Views.Point;
import io.kizuna.live.Views.Report;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ForbiddenException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The post-show report for staff: peak viewers, messages, questions and how many were answered, orders and revenue
 * attributed to the show (cancelled and refunded ones left out), unique viewers while it was live, conversion
 * (buyers / unique viewers) and the series behind the report page's charts. It can be read during the show too.
 */
@Service
public class LiveReports {
    private final LiveManagement live;
    private final LivePolicy policy;
    private final JdbcClient jdbc;

    LiveReports(LiveManagement live, LivePolicy policy, JdbcClient jdbc) {
        this.live = live;
        this.policy = policy;
        this.jdbc = jdbc;
    }

    private record Totals(int peakViewers, long reactions, long messages, long questions, long questionsAnswered, long orders,
                          long revenue, long buyers, long uniqueViewers) {}

    public Report report(Actor actor, String showId) {
        var show = live.require(Optional.of(actor), showId);
        if (!policy.canSeeReport(actor)) throw new ForbiddenException("Only staff read show reports.");
        var t = jdbc.sql("""
                select s.peak_viewers, s.reactions,
                  (select count(*) from live_messages where session_id = s.id and status = 'published') as messages,
                  (select count(*) from live_messages where session_id = s.id and status = 'published' and kind = 'question') as questions,
                  (select count(*) from live_messages where session_id = s.id and status = 'published' and kind = 'question'
                     and answered_at is not null) as questions_answered,
                  (select count(*) from live_orders where session_id = s.id and not cancelled) as orders,
                  (select coalesce(sum(total), 0) from live_orders where session_id = s.id and not cancelled) as revenue,
                  (select count(distinct buyer_id) from live_orders where session_id = s.id and not cancelled) as buyers,
                  (select count(*) from live_unique_viewers where session_id = s.id) as unique_viewers
                from live_sessions s where s.id = :id""").param("id", show.id()).query(Totals.class).single();
        double conversion = t.uniqueViewers() == 0 ? 0 : Math.round(t.buyers() * 10_000.0 / t.uniqueViewers()) / 10_000.0;
        return new Report(t.peakViewers(), t.messages(), t.questions(), t.questionsAnswered(), t.orders(), t.revenue(), t.uniqueViewers(),
            t.buyers(), conversion, t.reactions(),
            series("select at, sum(viewers) from live_viewer_samples where session_id = :id group by at order by at", show.id()),
            series("select date_trunc('minute', created_at), count(*) from live_messages where session_id = :id and status = 'published' "
                + "group by 1 order by 1", show.id()),
            series("select date_trunc('minute', created_at), count(*) from live_orders where session_id = :id and not cancelled group by 1 order by 1",
                show.id()),
            series("select date_trunc('minute', created_at), sum(total) from live_orders where session_id = :id and not cancelled group by 1 order by 1",
                show.id()));
    }

    private List<Point> series(String sql, long id) {
        return jdbc.sql(sql).param("id", id).query((rs, i) -> new Point(rs.getObject(1, OffsetDateTime.class), rs.getLong(2))).list();
    }
}
