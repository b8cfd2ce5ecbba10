package io.kizuna.platform;

import io.kizuna.shared.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Sliding-window limits on writes (signups, logins, resets) per key such as an IP or an email.
 * Kept per node: with N nodes an attacker gets at most N times the budget, which the limits allow for.
 */
@Component
public class RateLimiter {
    private final Map<String, ArrayDeque<Long>> windows = new ConcurrentHashMap<>();
    private final Clock clock;

    public RateLimiter() {
        this(Clock.systemUTC());
    }

    RateLimiter(Clock clock) { // tests pass a fixed clock
        this.clock = clock;
    }

    /** Counts one event for {@code key}; throws 429 with Retry-After once more than {@code max} fall in {@code window}. */
    public void acquire(String bucket, String key, int max, Duration window) {
        long now = clock.millis();
        long from = now - window.toMillis();
        var q = windows.computeIfAbsent(bucket + '\u0000' + key, k -> new ArrayDeque<>());
        synchronized (q) {
            while (!q.isEmpty() && q.peekFirst() <= from) q.pollFirst();
            if (q.size() >= max) {
                long retry = (q.peekFirst() + window.toMillis() - now + 999) / 1000;
                throw new RateLimitedException("Too many requests; try again in " + retry + " seconds.", retry);
            }
            q.addLast(now);
        }
        if (windows.size() > 100_000) sweep(now - Duration.ofHours(24).toMillis());
    }

    private void sweep(long before) {
        windows.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().isEmpty() || e.getValue().peekLast() < before;
            }
        });
    }
}
