package io.kizuna.moderation.internal;

import io.kizuna.moderation.TrustLevelChanged;
import io.kizuna.moderation.TrustSignals;
import io.kizuna.moderation.TrustSignals.Signals;
import io.kizuna.moderation.internal.TrustRules.Activity;
import io.kizuna.shared.UserId;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Recomputes the levels of a batch of members in the caller's transaction: one query per figure for the whole batch
 * (days visited, sanctions here; posts read, posts made, likes received from every {@link TrustSignals}), then one
 * update per member. A changed effective level publishes {@link TrustLevelChanged}.
 */
@Component
public class TrustComputer {
    private final TrustRows rows;
    private final ObjectProvider<TrustSignals> sources;
    private final ApplicationEventPublisher events;
    private final TrustCache cache;
    private final VisitRecorder visits;

    TrustComputer(TrustRows rows, ObjectProvider<TrustSignals> sources, ApplicationEventPublisher events, TrustCache cache, VisitRecorder visits) {
        this.visits = visits;
        this.rows = rows;
        this.sources = sources;
        this.events = events;
        this.cache = cache;
    }

    /** Writes out this node's visits and asks every source to write out what it holds in memory. */
    public void flushSources() {
        visits.flush();
        sources.orderedStream().forEach(TrustSignals::flush);
    }

    /** The activity of these members as the rules see it. */
    public Map<Long, Activity> activity(Collection<Long> ids) {
        var signals = new HashMap<Long, Signals>();
        for (var source : sources.orderedStream().toList()) source.signals(ids).forEach((id, s) -> signals.merge(id, s, Signals::plus));
        var days = rows.daysVisited(ids);
        var sanctions = rows.lastSanctions(ids);
        var now = new HashSet<>(rows.sanctionedNow(ids));
        var at = OffsetDateTime.now();
        var out = new HashMap<Long, Activity>();
        for (long id : ids) {
            var s = signals.getOrDefault(id, Signals.NONE);
            var last = sanctions.get(id);
            out.put(id, new Activity(days.getOrDefault(id, 0L), s.postsRead(), s.postsMade(), s.likesReceived(),
                last == null ? null : Duration.between(last, at).toDays(), now.contains(id)));
        }
        return out;
    }

    public void recompute(Collection<Long> ids) {
        if (ids.isEmpty()) return;
        var thresholds = rows.thresholds();
        var before = rows.find(ids);
        var sanctions = rows.lastSanctions(ids);
        activity(ids).forEach((id, a) -> {
            int level = TrustRules.level(a, thresholds);
            rows.store(new TrustRows.Figures(id, level, a.daysVisited(), a.postsRead(), a.postsMade(), a.likesReceived(), sanctions.get(id)));
            var old = before.get(id);
            int from = old == null ? 0 : old.level();
            int to = old != null && old.overrideLevel() != null ? old.overrideLevel() : level;
            if (from != to) {
                cache.forget(id);
                events.publishEvent(new TrustLevelChanged(new UserId(id), from, to));
            }
        });
    }
}
