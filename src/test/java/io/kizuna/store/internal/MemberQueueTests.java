package io.kizuna.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.shared.UserId;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemberQueueTests {
    private final MemberQueue queue = new MemberQueue();

    @Test
    void oneMembersActionsNeverOverlapAndTheQueueEmptiesAfterwards() throws Exception {
        var inside = new AtomicInteger();
        var most = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(8)) {
            var done = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 200; i++) {
                done.add(pool.submit(() -> queue.oneAtATime(new UserId(7), () -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    return inside.decrementAndGet();
                })));
            }
            for (var f : done) f.get(10, TimeUnit.SECONDS);
        }
        assertThat(most.get()).isEqualTo(1);
        assertThat(queue.size()).isZero();
    }

    @Test
    void differentMembersDoNotWaitForEachOther() throws Exception {
        var firstInside = new CountDownLatch(1);
        var secondDone = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(2)) {
            var first = pool.submit(() -> queue.oneAtATime(new UserId(1), () -> {
                firstInside.countDown();
                try {
                    // holds its turn until member 2's action has run
                    return secondDone.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            firstInside.await(10, TimeUnit.SECONDS);
            pool.submit(() -> queue.oneAtATime(new UserId(2), () -> {
                secondDone.countDown();
                return true;
            })).get(10, TimeUnit.SECONDS);
            assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(queue.size()).isZero();
    }

    @Test
    void anActionThatFailsStillGivesTheTurnBack() {
        try {
            queue.oneAtATime(new UserId(3), () -> {
                throw new IllegalStateException("refused");
            });
        } catch (IllegalStateException expected) {
            // the caller sees the failure
        }
        assertThat(queue.size()).isZero();
        assertThat(queue.oneAtATime(new UserId(3), () -> "next")).isEqualTo("next");
    }
}
