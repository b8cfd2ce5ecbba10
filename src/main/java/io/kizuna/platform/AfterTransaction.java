package io.kizuna.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Work a cache must do again once the caller's transaction has ended, when readers can no longer see the old rows. */
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
}
