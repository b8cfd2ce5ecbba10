package io.kizuna.store;

import java.util.List;

/**
 * An order was placed; published in the placing transaction. {@code source} is the order's {@code kind:id} origin
 * (for example {@code live:12}) or null; {@code total} is tax-included yen.
 */
public record OrderPlaced(long orderId, long buyerId, int total, String source, List<Long> productIds) {}
