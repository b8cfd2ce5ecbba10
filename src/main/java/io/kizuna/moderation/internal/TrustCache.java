package io.kizuna.moderation.internal;

import io.kizuna.platform.AfterTransaction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Effective trust levels per node for 30 seconds: the gate asks on every write and the thread page on every signed-in
 * view, while levels move at most once per recomputation. A change on this node (an override) applies at once.
 */
@Component
public class TrustCache {
    private static final long TTL_MS = 30_000;
    private static final int MAX = 200_000;

    private record Entry(int level, long until) {}

    private final TrustRows rows;
    private final Map<Long, Entry> levels = new ConcurrentHashMap<>();

    TrustCache(TrustRows rows) {
        this.rows = rows;
    }

    public int level(long userId) {
        long now = System.currentTimeMillis();
        var e = levels.get(userId);
        if (e != null && e.until() > now) return e.level();
        int level = rows.levels(List.of(userId)).getOrDefault(userId, 0);
        if (levels.size() > MAX) levels.clear();
        levels.put(userId, new Entry(level, now + TTL_MS));
        return level;
    }

    /** Drops the member's level now and again when the changing transaction commits (so no reader caches the old one). */
    public void forget(long userId) {
        levels.remove(userId);
        AfterTransaction.commit(() -> levels.remove(userId));
    }
}
