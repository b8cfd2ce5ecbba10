package io.kizuna.store;

import java.time.OffsetDateTime;

/**
 * One way to pay. The order service asks the provider for the payment's start when the order is placed (inside the
 * order's transaction); payment is confirmed later, by staff (bank transfer, konbini, cash on delivery) or by the
 * provider's signed webhook (card).
 */
public interface PaymentProvider {
    /** What the provider gives a new order: a reference the buyer or provider quotes, and when unpaid orders expire. */
    record Start(String reference, OffsetDateTime dueAt) {}

    /** The {@code paymentMethod} code: {@code bank_transfer}, {@code konbini}, {@code cod} or {@code card}. */
    String method();

    /** Whether this server takes the method (the test card provider only when configured). */
    boolean available();

    Start start(int total, OffsetDateTime now, int paymentDays);
}
