package io.kizuna.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.community.internal.AnonymousReads;
import io.kizuna.shared.Actor;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Role;
import io.kizuna.shared.UserId;
import java.lang.reflect.Constructor;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AnonymousReadsTests {

    private static AnonymousReads cache(long ttlMillis) throws Exception {
        Constructor<AnonymousReads> c = AnonymousReads.class.getDeclaredConstructor(long.class);
        c.setAccessible(true);
        return c.newInstance(ttlMillis);
    }

    @Test
    void signedInReadsAlwaysLoad() throws Exception {
        var cache = cache(60_000);
        var loads = new AtomicInteger();
        var member = Optional.of(new Actor(new UserId(1), "m", Role.MEMBER, true));
        cache.read(member, "k", loads::incrementAndGet);
        cache.read(member, "k", loads::incrementAndGet);
        assertThat(loads).hasValue(2);
    }

    @Test
    void concurrentAnonymousMissesLoadOnce() throws Exception {
        var cache = cache(60_000);
        var loads = new AtomicInteger();
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(16)) {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.read(Optional.empty(), "k", () -> {
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
        assertThatThrownBy(() -> cache.read(Optional.empty(), "k", () -> {
            throw new NotFoundException("no");
        })).isInstanceOf(NotFoundException.class);
        assertThat(cache.read(Optional.empty(), "k", () -> "found")).isEqualTo("found");
    }

    @Test
    void expiredEntriesReloadOnce() throws Exception {
        var cache = cache(1);
        assertThat(cache.read(Optional.empty(), "k", () -> "old")).isEqualTo("old");
        Thread.sleep(5);
        assertThat(cache.read(Optional.empty(), "k", () -> "new")).isEqualTo("new");
        assertThat(cache.read(Optional.empty(), "k", () -> "newer")).isIn("new", "newer");
    }
}
