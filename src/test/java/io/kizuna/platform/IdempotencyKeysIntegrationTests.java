package io.kizuna.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.shared.RuleRefusedException;
import io.kizuna.support.IntegrationTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class IdempotencyKeysIntegrationTests extends IntegrationTestBase {
    @Autowired
    IdempotencyKeys keys;

    @Autowired
    TransactionTemplate tx;

    /** A stand-in for a money write: does the work once per key and returns its "response". */
    private String write(String key, String body, AtomicInteger effects) {
        return tx.execute(status -> {
            Optional<IdempotencyKeys.StoredResponse> replay = keys.claim("member-1", key, body);
            if (replay.isPresent()) return replay.get().body();
            String response = "order-" + effects.incrementAndGet();
            keys.complete("member-1", key, 201, response);
            return response;
        });
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReplaysTheFirstResult() {
        var effects = new AtomicInteger();
        assertThat(write("k1", "{\"sku\":\"A\"}", effects)).isEqualTo("order-1");
        assertThat(write("k1", "{\"sku\":\"A\"}", effects)).isEqualTo("order-1");
        assertThat(effects).hasValue(1);
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefused() {
        var effects = new AtomicInteger();
        write("k2", "{\"sku\":\"A\"}", effects);
        assertThatThrownBy(() -> write("k2", "{\"sku\":\"B\"}", effects)).isInstanceOf(RuleRefusedException.class);
        assertThat(effects).hasValue(1);
    }

    @Test
    void aFailedWriteLeavesTheKeyFreeForARetry() {
        var effects = new AtomicInteger();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            keys.claim("member-1", "k3", "body");
            throw new IllegalStateException("payment provider down");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(write("k3", "body", effects)).isEqualTo("order-1");
    }

    @Test
    void concurrentRequestsWithOneKeyDoTheWorkOnce() throws Exception {
        var effects = new AtomicInteger();
        var start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return write("k4", "same", effects);
                }));
            }
            start.countDown();
            for (var f : results) assertThat(f.get()).isEqualTo("order-1");
        }
        assertThat(effects).hasValue(1);
    }
}
