package io.kizuna.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.platform.ReadCache;
import io.kizuna.shared.NotFoundException;
import java.lang.reflect.Constructor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadCacheTests {

    private static ReadCache cache(long ttlMillis) throws Exception {
        Constructor<ReadCache> c = ReadCache.class.getDeclaredConstructor(long.class);
        c.setAccessible(true);
        return c.newInstance(ttlMillis);
    }

    @Test
    void aChangeMovesTheGenerationOnlyWhenItIsMade() throws Exception {
        var cache = cache(60_000);
        String before = cache.key(ReadCache.THREAD, 7, "posts");
        assertThat(cache.read(before, () -> "old")).isEqualTo("old");
        assertThat(cache.read(cache.key(ReadCache.THREAD, 7, "posts"), () -> "unused")).isEqualTo("old");
        cache.changed(ReadCache.THREAD, 7); // outside a transaction: at once
        assertThat(cache.key(ReadCache.THREAD, 7, "posts")).isNotEqualTo(before);
        assertThat(cache.read(cache.key(ReadCache.THREAD, 7, "posts"), () -> "new")).isEqualTo("new");
        assertThat(cache.key(ReadCache.THREAD, 8, "posts")).as("other threads keep theirs").endsWith("@0:posts");
    }

    @Test
    void concurrentMissesLoadOnce() throws Exception {
        var cache = cache(60_000);
        var loads = new AtomicInteger();
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(16)) {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.read("k", () -> {
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return loads.incrementAndGet();
                    });
                }));
            }
            start.countDown();
            for (var r : results) assertThat(r.get()).isEqualTo(1);
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void failuresAreNotCached() throws Exception {
        var cache = cache(60_000);
        assertThatThrownBy(() -> cache.read("k", () -> {
            throw new NotFoundException("no");
        })).isInstanceOf(NotFoundException.class);
        assertThat(cache.read("k", () -> "found")).isEqualTo("found");
    }

    @Test
    void expiredEntriesReloadOnce() throws Exception {
        var cache = cache(1);
        assertThat(cache.read("k", () -> "old")).isEqualTo("old");
        Thread.sleep(5);
        assertThat(cache.read("k", () -> "new")).isEqualTo("new");
        assertThat(cache.read("k", () -> "newer")).isIn("new", "newer");
    }
}
