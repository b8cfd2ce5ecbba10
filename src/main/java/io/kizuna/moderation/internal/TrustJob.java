package io.kizuna.moderation.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps trust levels current: every minute it recomputes the members whose levels are older than the stale time
 * (an hour by default; new members and everyone after a threshold change come first), in batches of 500 claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so any number of nodes may run it at once and share the work.
 */
@Component
class TrustJob {
    private static final Logger log = LoggerFactory.getLogger(TrustJob.class);
    private static final int BATCH = 500;

    private final TrustRows rows;
    private final TrustComputer computer;
    private final TransactionTemplate tx;
    private final Duration stale;

    TrustJob(TrustRows rows, TrustComputer computer, TransactionTemplate tx, @Value("${kizuna.moderation.trust.stale-minutes:60}") long staleMinutes) {
        this.rows = rows;
        this.computer = computer;
        this.tx = tx;
        this.stale = Duration.ofMinutes(staleMinutes);
    }

    @Scheduled(fixedDelayString = "${kizuna.moderation.trust.recompute-ms:60000}", initialDelayString = "${kizuna.moderation.trust.initial-delay-ms:20000}")
    void run() {
        computer.flushSources();
        long started = System.nanoTime();
        int total = 0;
        while (true) {
            Integer done = tx.execute(s -> {
                var ids = rows.claimStale(OffsetDateTime.now().minus(stale), BATCH);
                computer.recompute(ids);
                return ids.size();
            });
            total += done == null ? 0 : done;
            if (done == null || done < BATCH) break;
        }
        if (total > 0) log.info("Trust levels recomputed for {} members in {} ms", total, (System.nanoTime() - started) / 1_000_000);
    }
}
