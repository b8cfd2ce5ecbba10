package io.kizuna.reviews.internal;

import io.kizuna.reviews.ReviewManagement;
import io.kizuna.shared.UserId;
import io.kizuna.store.OrderStatus;
import io.kizuna.store.OrderStatusChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows the store's orders inside their transaction: the verified mark follows payment and refunds, and a delivered
 * order schedules its review requests (so a rolled-back step changes neither).
 */
@Component
class OrderListener {
    private final ReviewManagement reviews;
    private final ReviewRequests requests;

    OrderListener(ReviewManagement reviews, ReviewRequests requests) {
        this.reviews = reviews;
        this.requests = requests;
    }

    @EventListener
    void on(OrderStatusChanged event) {
        if (event.status() == OrderStatus.PAID || event.status() == OrderStatus.REFUNDED || event.status() == OrderStatus.CANCELLED) {
            reviews.purchasesChanged(new UserId(event.buyerId()), event.productIds());
        }
        if (event.status() == OrderStatus.DELIVERED) requests.schedule(event.orderId(), event.buyerId(), event.productIds());
    }
}
