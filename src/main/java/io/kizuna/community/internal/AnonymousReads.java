package io.kizuna.community.internal;

import io.kizuna.shared.Actor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A short per-node cache of what anonymous visitors read (space lists, thread lists, threads, posts). Prospects and
 * crawlers are most of the read traffic and all see the same public content, so they may see it up to
 * {@code kizuna.community.anonymous-cache-ms} (default 1 s) late; signed-in members always read fresh data.
 * When an entry expires, one request reloads it while the others keep the previous value, so expiry never sends
 * a burst of identical queries to the database.
 */
@Component
public class AnonymousReads {
    private static final class Entry {
        final CompletableFuture<Object> value;
        final long loadedAt;
        final AtomicBoolean refreshing = new AtomicBoolean();

        Entry(CompletableFuture<Object> value, long loadedAt) {
            this.value = value;
            this.loadedAt = loadedAt;
        }
    }

    private static final int MAX_ENTRIES = 20_000;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    AnonymousReads(@Value("${kizuna.community.anonymous-cache-ms:1000}") long ttlMillis) {
        this.ttlNanos = ttlMillis * 1_000_000;
    }

    @SuppressWarnings("unchecked")
    public <T> T read(Optional<Actor> actor, String key, Supplier<T> loader) {
        if (actor.isPresent() || ttlNanos == 0) return loader.get();
        var entry = entries.get(key);
        if (entry == null) {
            if (entries.size() >= MAX_ENTRIES) entries.clear();
            var mine = new Entry(new CompletableFuture<>(), System.nanoTime());
            entry = entries.putIfAbsent(key, mine);
            if (entry == null) return (T) load(key, mine, mine, loader);
        } else if (System.nanoTime() - entry.loadedAt >= ttlNanos && entry.refreshing.compareAndSet(false, true)) {
            var fresh = new Entry(new CompletableFuture<>(), System.nanoTime());
            T value = (T) load(key, entry, fresh, loader);
            entries.put(key, fresh);
            return value;
        }
        try {
            return (T) entry.value.join();
        } catch (java.util.concurrent.CompletionException e) {
            return loader.get(); // the first load failed (a 404, say): answer this request on its own
        }
    }

    /** Loads into {@code target}; a failure (such as a 404) is not cached: the current entry is dropped. */
    private Object load(String key, Entry current, Entry target, Supplier<?> loader) {
        try {
            Object value = loader.get();
            target.value.complete(value);
            return value;
        } catch (RuntimeException e) {
            target.value.completeExceptionally(e);
            entries.remove(key, current);
            throw e;
        }
    }
}
