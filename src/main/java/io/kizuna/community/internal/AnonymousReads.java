package io.kizuna.community.internal;

import io.kizuna.shared.Actor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A short per-node cache of what anonymous visitors read (space lists, thread lists, threads, posts). Prospects and
 * crawlers are most of the read traffic and all see the same public content, so they may see it up to
 * {@code kizuna.community.anonymous-cache-ms} (default 1 s) late; signed-in members always read fresh data.
 */
@Component
public class AnonymousReads {
    private record Entry(Object value, long loadedAt) {}

    private static final int MAX_ENTRIES = 20_000;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    AnonymousReads(@Value("${kizuna.community.anonymous-cache-ms:1000}") long ttlMillis) {
        this.ttlNanos = ttlMillis * 1_000_000;
    }

    @SuppressWarnings("unchecked")
    public <T> T read(Optional<Actor> actor, String key, Supplier<T> loader) {
        if (actor.isPresent() || ttlNanos == 0) return loader.get();
        long now = System.nanoTime();
        var e = entries.get(key);
        if (e != null && now - e.loadedAt() < ttlNanos) return (T) e.value();
        T value = loader.get();
        if (entries.size() >= MAX_ENTRIES) entries.clear();
        entries.put(key, new Entry(value, now));
        return value;
    }
}
