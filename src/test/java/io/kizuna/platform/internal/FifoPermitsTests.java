package io.kizuna.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Arrival order, hand-off at release, timeouts and interrupts of the connection gate's permits, with real threads. */
class FifoPermitsTests {

    @Test
    void eachReleaseGrantsAPermitToTheNextWaiterAtOnceInArrivalOrder() throws Exception {
        var permits = new FifoPermits(2);
        assertThat(permits.acquire(1, TimeUnit.SECONDS)).isTrue();
        assertThat(permits.acquire(1, TimeUnit.SECONDS)).isTrue();
        List<Integer> through = new CopyOnWriteArrayList<>();
        var hold = new CountDownLatch(1);
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    if (!permits.acquire(10, TimeUnit.SECONDS)) return;
                    through.add(n);
                    hold.await();
                    permits.release();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            while (permits.waiting() < i + 1) Thread.sleep(1); // queue them one after another
        }
        permits.release();
        permits.release();
        // both permits belong to the first two waiters the moment release returns, whether or not they have run yet
        // (a fair Semaphore wakes one waiter and waits for it to run before the next is woken, so it fails here)
        assertThat(permits.waiting()).isEqualTo(1);
        assertThat(permits.available()).isZero();
        assertThat(permits.acquire(50, TimeUnit.MILLISECONDS)).as("a newcomer cannot take a granted permit").isFalse();
        while (through.size() < 2) Thread.sleep(1);
        Thread.sleep(50);
        assertThat(through).as("the first two to arrive, running side by side").containsExactlyInAnyOrder(0, 1);
        hold.countDown();
        for (var t : threads) t.join();
        assertThat(through).hasSize(3).endsWith(2);
        assertThat(permits.available()).isEqualTo(2);
        assertThat(permits.waiting()).isZero();
    }

    @Test
    void aWaiterThatTimesOutLeavesTheQueueAndTakesNoPermit() throws Exception {
        var permits = new FifoPermits(1);
        assertThat(permits.acquire(1, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        assertThat(permits.acquire(100, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(permits.waiting()).isZero();
        permits.release();
        assertThat(permits.available()).isEqualTo(1);
    }

    @Test
    void anInterruptedWaiterLeavesTheQueueWithInterruptedException() throws Exception {
        var permits = new FifoPermits(1);
        assertThat(permits.acquire(1, TimeUnit.SECONDS)).isTrue();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        var waiter = Thread.ofPlatform().start(() -> {
            try {
                permits.acquire(10, TimeUnit.SECONDS);
                failures.add(new AssertionError("acquired"));
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        while (permits.waiting() == 0) Thread.sleep(1);
        waiter.interrupt();
        waiter.join();
        assertThat(failures).singleElement().isInstanceOf(InterruptedException.class);
        assertThat(permits.waiting()).isZero();
        permits.release();
        assertThat(permits.available()).isEqualTo(1);
    }

    @Test
    void permitsAreNeverOverOrUnderCountedUnderContention() throws Exception {
        var permits = new FifoPermits(3);
        var inside = new java.util.concurrent.atomic.AtomicInteger();
        var most = new java.util.concurrent.atomic.AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < 16; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int k = 0; k < 2_000; k++) {
                        if (!permits.acquire(10, TimeUnit.SECONDS)) throw new AssertionError("timed out");
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        inside.decrementAndGet();
                        permits.release();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (var t : threads) t.join();
        assertThat(failures).isEmpty();
        assertThat(most.get()).isBetween(1, 3);
        assertThat(permits.available()).isEqualTo(3);
        assertThat(permits.waiting()).isZero();
    }
}
