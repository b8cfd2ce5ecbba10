package io.kizuna.moderation.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Trust levels from activity, as pure arithmetic: a member holds level L when they meet the thresholds of L and of
 * every level below it. A live suspension or ban is level 0; a level with {@code sanctionFreeDays} also needs that
 * many days since the last sanction (a warning, hidden content, suspension or ban that no appeal overturned).
 */
public final class TrustRules {
    private TrustRules() {}

    public record Threshold(int level, int daysVisited, int postsRead, int postsMade, int likesReceived, int sanctionFreeDays) {}

    /** What a member did; {@code daysSinceSanction} is null when they never were sanctioned. */
    public record Activity(long daysVisited, long postsRead, long postsMade, long likesReceived, Long daysSinceSanction,
                           boolean sanctionedNow) {}

    /** One unmet requirement of the next level: the figure's name, what the member has, what the level needs. */
    public record Missing(String signal, long have, long need) {}

    public static int level(Activity a, List<Threshold> thresholds) {
        if (a.sanctionedNow()) return 0;
        int level = 0;
        for (var t : thresholds.stream().sorted(java.util.Comparator.comparingInt(Threshold::level)).toList()) {
            if (!missing(a, t).isEmpty()) break;
            level = t.level();
        }
        return level;
    }

    /** The requirements of {@code t} that {@code a} does not meet yet. */
    public static List<Missing> missing(Activity a, Threshold t) {
        var out = new ArrayList<Missing>();
        if (a.daysVisited() < t.daysVisited()) out.add(new Missing("daysVisited", a.daysVisited(), t.daysVisited()));
        if (a.postsRead() < t.postsRead()) out.add(new Missing("postsRead", a.postsRead(), t.postsRead()));
        if (a.postsMade() < t.postsMade()) out.add(new Missing("postsMade", a.postsMade(), t.postsMade()));
        if (a.likesReceived() < t.likesReceived()) out.add(new Missing("likesReceived", a.likesReceived(), t.likesReceived()));
        if (t.sanctionFreeDays() > 0 && (a.sanctionedNow() || (a.daysSinceSanction() != null && a.daysSinceSanction() < t.sanctionFreeDays()))) {
            out.add(new Missing("sanctionFreeDays", a.sanctionedNow() ? 0 : a.daysSinceSanction(), t.sanctionFreeDays()));
        }
        return out;
    }
}
