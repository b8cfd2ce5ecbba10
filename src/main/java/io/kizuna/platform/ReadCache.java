package io.kizuna.platform;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A short per-node cache of content that is the same for everyone allowed to see it: space and thread facts, a
 * space's thread pages, a thread's post pages; the store's product pages. Who may see it is checked per request,
 * outside the cache; what a viewer adds (their own vote) is read per request too.
 * <p>
 * Entries are keyed by a generation per thread and space: a write on this node moves the generation when it
 * commits, so the writer (and everyone on this node) reads the change at once. Other nodes see it when their entry
 * ages out, after {@code kizuna.read-cache-ms} (1 s by default). When an entry expires, one request
 * reloads it while the others keep the previous value, so expiry never sends a burst of identical queries.
 */
@Component
public class ReadCache {
    private static final class Entry {
        final CompletableFuture<Object> value;
        final long loadedAt;
        final AtomicBoolean refreshing = new AtomicBoolean();

        Entry(CompletableFuture<Object> value, long loadedAt) {
            this.value = value;
            this.loadedAt = loadedAt;
        }
    }

    /** Generation kinds: one thread (its facts and post pages), one space (its thread pages), all spaces' facts, the catalog. */
    public static final String THREAD = "thread";
    public static final String SPACE = "space";
    public static final String SPACES = "spaces";
    public static final String CATALOG = "catalog";

    private static final int MAX_ENTRIES = 20_000;
    private static final int MAX_GENERATIONS = 100_000;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    private final AtomicLong nextGeneration = new AtomicLong();
    private final long ttlNanos;

    ReadCache(@Value("${kizuna.read-cache-ms:1000}") long ttlMillis) {
        this.ttlNanos = ttlMillis * 1_000_000;
    }

    /** The key for {@code what} of a thread or space ({@code kind} "thread" or "space"), in its current generation. */
    public String key(String kind, long id, String what) {
        return kind + ":" + id + "@" + generations.getOrDefault(kind + ":" + id, 0L) + ":" + what;
    }

    /** Moves the generation of a thread or space when the caller's transaction commits (at once outside one). */
    public void changed(String kind, long id) {
        AfterTransaction.commit(() -> bump(kind + ":" + id));
    }

    private void bump(String generationKey) {
        if (generations.size() >= MAX_GENERATIONS) {
            // forgetting generations could revive old keys, so old entries go too
            entries.clear();
            generations.clear();
        }
        generations.put(generationKey, nextGeneration.incrementAndGet());
    }

    /** Drops one entry, which a caller found stale where it writes: the next read loads it afresh. */
    public void forget(String key) {
        entries.remove(key);
    }

    public <T> T read(String key, Supplier<T> loader) {
        return read(key, ttlNanos, loader);
    }

    /**
     * The same with its own lifetime, for facts that a caller re-checks where it writes (a stale entry then only costs
     * a retry); 0 with caching switched off.
     */
    public <T> T read(String key, java.time.Duration ttl, Supplier<T> loader) {
        return read(key, ttlNanos == 0 ? 0 : ttl.toNanos(), loader);
    }

    @SuppressWarnings("unchecked")
    private <T> T read(String key, long lifetimeNanos, Supplier<T> loader) {
        if (lifetimeNanos == 0) return loader.get();
        var entry = entries.get(key);
        if (entry == null) {
            if (entries.size() >= MAX_ENTRIES) entries.clear();
            var mine = new Entry(new CompletableFuture<>(), System.nanoTime());
            entry = entries.putIfAbsent(key, mine);
            if (entry == null) return (T) load(key, mine, mine, loader);
        } else if (System.nanoTime() - entry.loadedAt >= lifetimeNanos && entry.refreshing.compareAndSet(false, true)) {
            var fresh = new Entry(new CompletableFuture<>(), System.nanoTime());
            T value = (T) load(key, entry, fresh, loader);
            entries.put(key, fresh);
            return value;
        }
        try {
            return (T) entry.value.join();
        } catch (java.util.concurrent.CompletionException e) {
            return loader.get(); // the first load failed: answer this request on its own
        }
    }

    /** Loads into {@code target}; a failure is not cached: the current entry is dropped. */
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
