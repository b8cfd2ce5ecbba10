package io.kizuna.store;

import java.util.List;

/**
 * An order moved to {@code status} (paid, shipped, delivered, cancelled, expired → cancelled, refunded); published in
 * the moving transaction, so a listener that writes commits or rolls back with the move. {@code productIds} are the
 * products on the order.
 */
public record OrderStatusChanged(long orderId, long buyerId, OrderStatus status, List<Long> productIds) {}
