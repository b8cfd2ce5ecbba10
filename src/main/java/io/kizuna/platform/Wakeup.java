package io.kizuna.platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a background sweep (mail delivery, notification fan-out) soon after work for it commits, instead of waiting
 * for its next scheduled run. Wake-ups coalesce: however many arrive while a sweep is queued, it runs once.
 */
public final class Wakeup {
    private final Runnable sweep;
    private final ExecutorService thread;
    private final AtomicBoolean queued = new AtomicBoolean();

    public Wakeup(String name, Runnable sweep) {
        this.sweep = sweep;
        this.thread = Executors.newSingleThreadExecutor(Thread.ofVirtual().name(name).factory());
    }

    /** Runs the sweep after the caller's transaction commits (at once when there is none); never after a rollback. */
    public void afterCommit() {
        AfterTransaction.commit(this::now);
    }

    public void now() {
        if (queued.compareAndSet(false, true)) {
            thread.execute(() -> {
                queued.set(false);
                sweep.run();
            });
        }
    }
}
