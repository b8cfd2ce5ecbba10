package io.kizuna.community;

import io.kizuna.community.internal.Concentration;
import io.kizuna.community.internal.Concentration.Figures;
import io.kizuna.community.internal.HealthQueries;
import io.kizuna.community.internal.Spaces;
import io.kizuna.community.internal.Spaces.SpaceRow;
import io.kizuna.moderation.ModerationOptions;
import io.kizuna.moderation.ModerationPolicy;
import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Community health for the community manager: a bias monitor (per space and period, the share of posts, votes and
 * reactions from the top 1% and top 10% of active members, the Gini coefficient, the change against the previous
 * period, and an alert when the top 10% share reaches the options' threshold), and a going-quiet view (posts per week
 * over eight weeks, falling when the last week is well under the four before it, and questions still unanswered
 * after the options' hours). Global moderators and up ({@link ModerationPolicy#canViewHealth}).
 */
@Service
public class CommunityHealth {
    public static final List<String> METRICS = List.of("posts", "votes", "reactions");
    public static final Map<String, Integer> PERIODS = Map.of("week", 7, "month", 30, "quarter", 90);
    private static final int WEEKS = 8;
    private static final double STEADY = 0.02;
    private static final int UNANSWERED_LOOKBACK_DAYS = 30;

    public record Concentrations(long total, int members, double top1Share, double top10Share, double gini) {}

    /**
     * One metric of one space: now and the period before, the change of the top 10% share and of the Gini coefficient,
     * {@code trend} rising, falling or steady (a change under 0.02 is steady), and whether it is over the alert threshold.
     */
    public record MetricBias(String metric, Concentrations current, Concentrations previous, double top10Change, double giniChange,
                             String trend, boolean alert) {}

    public record SpaceBias(String spaceSlug, String spaceName, List<MetricBias> metrics, boolean alert) {}

    public record BiasReport(String period, OffsetDateTime from, OffsetDateTime to, double alertShare, int minMembers, List<SpaceBias> spaces) {}

    /** {@code weeks[0]} is the latest seven days. */
    public record SpaceQuiet(String spaceSlug, String spaceName, List<Long> weeks, double previousAverage, boolean falling,
                             long unansweredCount, List<Unanswered> unanswered) {}

    public record Unanswered(String threadId, String title, OffsetDateTime createdAt, long hoursWaiting) {}

    public record QuietReport(OffsetDateTime end, int unansweredHours, int dropPercent, List<SpaceQuiet> spaces) {}

    private final HealthQueries queries;
    private final Spaces spaces;
    private final CommunityPolicy community;
    private final ModerationPolicy policy;
    private final ModerationOptions options;

    CommunityHealth(HealthQueries queries, Spaces spaces, CommunityPolicy community, ModerationPolicy policy, ModerationOptions options) {
        this.queries = queries;
        this.spaces = spaces;
        this.community = community;
        this.policy = policy;
        this.options = options;
    }

    /** {@code period} week, month (default) or quarter, ending at {@code end} (ISO-8601, default now); {@code space} a slug or all. */
    public BiasReport bias(Actor actor, String space, String period, String end) {
        policy.requireViewHealth(actor);
        String p = period == null || period.isBlank() ? "month" : period;
        if (!PERIODS.containsKey(p)) throw new InvalidInputException("period", "validation.unknownValue");
        var to = end(end);
        var length = Duration.ofDays(PERIODS.get(p));
        var from = to.minus(length);
        var listed = spaces(actor, space);
        var o = options.current();
        var rows = new ArrayList<SpaceBias>();
        var now = new java.util.HashMap<String, Map<Long, long[]>>();
        var before = new java.util.HashMap<String, Map<Long, long[]>>();
        for (var metric : METRICS) {
            now.put(metric, queries.perMember(metric, from, to));
            before.put(metric, queries.perMember(metric, from.minus(length), from));
        }
        for (var s : listed) {
            var metrics = new ArrayList<MetricBias>();
            for (var metric : METRICS) {
                var cur = Concentration.of(now.get(metric).getOrDefault(s.id(), new long[0]));
                var prev = Concentration.of(before.get(metric).getOrDefault(s.id(), new long[0]));
                double top10Change = round(cur.top10Share() - prev.top10Share());
                String trend = prev.members() == 0 || Math.abs(top10Change) < STEADY ? "steady" : top10Change > 0 ? "rising" : "falling";
                boolean alert = cur.members() >= o.biasMinMembers() && cur.top10Share() >= o.biasAlertShare();
                metrics.add(new MetricBias(metric, view(cur), view(prev), top10Change, round(cur.gini() - prev.gini()), trend, alert));
            }
            rows.add(new SpaceBias(s.slug(), s.name(), metrics, metrics.stream().anyMatch(MetricBias::alert)));
        }
        return new BiasReport(p, from, to, o.biasAlertShare(), o.biasMinMembers(), rows);
    }

    /** Posts per week and unanswered questions per space, as of {@code end} (default now). */
    public QuietReport quiet(Actor actor, String space, String end) {
        policy.requireViewHealth(actor);
        var to = end(end);
        var listed = spaces(actor, space);
        var o = options.current();
        var weekly = queries.postsPerWeek(to, WEEKS);
        var before = to.minusHours(o.unansweredHours());
        var since = to.minusDays(UNANSWERED_LOOKBACK_DAYS);
        var counts = queries.unansweredCounts(since, before);
        var rows = new ArrayList<SpaceQuiet>();
        for (var s : listed) {
            long[] w = weekly.getOrDefault(s.id(), new long[WEEKS]);
            double avg = Arrays.stream(w, 1, 5).average().orElse(0);
            boolean falling = avg > 0 && w[0] < avg * (1 - o.quietDropPercent() / 100.0);
            long waiting = counts.getOrDefault(s.id(), 0L);
            var list = waiting == 0 ? List.<Unanswered>of() : queries.unanswered(s.id(), since, before, 10).stream()
                .map(q -> new Unanswered(Long.toString(q.threadId()), q.title(), q.createdAt(), Duration.between(q.createdAt(), to).toHours())).toList();
            rows.add(new SpaceQuiet(s.slug(), s.name(), Arrays.stream(w).boxed().toList(), round(avg), falling, waiting, list));
        }
        return new QuietReport(to, o.unansweredHours(), o.quietDropPercent(), rows);
    }

    private List<SpaceRow> spaces(Actor actor, String slug) {
        var all = spaces.visible(community.visibleSpaces(Optional.of(actor)));
        if (slug == null || slug.isBlank()) return all;
        var one = all.stream().filter(s -> s.slug().equals(slug)).toList();
        if (one.isEmpty()) throw new InvalidInputException("space", "validation.unknownValue");
        return one;
    }

    private static OffsetDateTime end(String end) {
        if (end == null || end.isBlank()) return OffsetDateTime.now(ZoneOffset.UTC);
        try {
            var time = OffsetDateTime.parse(end);
            // PostgreSQL refuses a time past the year 294276; a report needs no more than four-digit years
            if (time.getYear() >= 1 && time.getYear() <= 9999) return time;
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw new InvalidInputException("end", "validation.invalidTime");
    }

    private static Concentrations view(Figures f) {
        return new Concentrations(f.total(), f.members(), f.top1Share(), f.top10Share(), f.gini());
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
