package io.kizuna.store.internal;

import io.kizuna.store.OrderManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cancels bank-transfer, konbini and card orders left unpaid past their due time and returns their stock. Each batch
 * locks its orders with {@code FOR UPDATE SKIP LOCKED}, so several nodes share the work without doing any twice.
 */
@Component
class PaymentExpiry {
    private static final Logger log = LoggerFactory.getLogger(PaymentExpiry.class);
    private final OrderManagement orders;

    PaymentExpiry(OrderManagement orders) {
        this.orders = orders;
    }

    @Scheduled(fixedDelayString = "${kizuna.store.expiry-interval-ms:60000}", initialDelay = 10_000)
    void expire() {
        try {
            int n;
            do {
                n = orders.expireOverdue(100);
                if (n > 0) log.info("Expired {} unpaid orders", n);
            } while (n == 100);
        } catch (RuntimeException e) {
            log.warn("Expiring unpaid orders failed; next run retries", e);
        }
    }
}
