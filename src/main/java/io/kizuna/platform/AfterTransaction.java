package io.kizuna.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Work that waits for the caller's transaction: a cache's second eviction, a wake-up for what the transaction wrote. */
public final class AfterTransaction {
    private AfterTransaction() {}

    /** Runs {@code work} when the current transaction ends, committed or rolled back; nothing without a transaction. */
    public static void completion(Runnable work) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) return;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                work.run();
            }
        });
    }

    /** Runs {@code work} once the current transaction commits, never after a rollback; at once without a transaction. */
    public static void commit(Runnable work) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            work.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }
        });
    }
}
