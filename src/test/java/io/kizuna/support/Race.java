package io.kizuna.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs tasks on their own threads, released at the same moment, for tests of counts and limits under concurrency. */
public final class Race {
    private Race() {}

    /** Runs every task at the same moment and returns their results in task order. */
    public static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<T>>();
        try (var pool = Executors.newFixedThreadPool(tasks.size())) {
            for (var t : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return t.call();
                }));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (var f : futures) results.add(f.get());
            return results;
        }
    }
}
