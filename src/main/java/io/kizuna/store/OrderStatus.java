package io.kizuna.store;

import io.kizuna.shared.RuleRefusedException;
import java.util.Locale;

/**
 * An order's life: pending_payment → paid → shipped → delivered, or cancelled (before shipping) and refunded (after
 * payment). Each transition is a method that refuses an illegal move with a 422; nobody sets a status directly.
 */
public enum OrderStatus {
    PENDING_PAYMENT, PAID, SHIPPED, DELIVERED, CANCELLED, REFUNDED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    public static java.util.Optional<OrderStatus> parse(String code) {
        for (var s : values()) if (s.code().equals(code)) return java.util.Optional.of(s);
        return java.util.Optional.empty();
    }

    public OrderStatus markPaid() {
        return move(this == PENDING_PAYMENT, PAID);
    }

    /** Cash on delivery ships before it is paid; everything else ships once paid. */
    public OrderStatus ship(boolean cashOnDelivery) {
        return move(this == PAID || (cashOnDelivery && this == PENDING_PAYMENT), SHIPPED);
    }

    public OrderStatus deliver() {
        return move(this == SHIPPED, DELIVERED);
    }

    public OrderStatus cancel() {
        return move(this == PENDING_PAYMENT || this == PAID, CANCELLED);
    }

    /** A refund follows a payment: a paid, shipped or delivered order (or a cancelled one that had been paid). */
    public OrderStatus refund(boolean wasPaid) {
        return move(this == PAID || this == SHIPPED || this == DELIVERED || (this == CANCELLED && wasPaid), REFUNDED);
    }

    /** Whether the goods are still in the shop: stock taken for the order returns if it is cancelled, expires or is refunded now. */
    public boolean holdsStock() {
        return this == PENDING_PAYMENT || this == PAID;
    }

    private OrderStatus move(boolean allowed, OrderStatus to) {
        if (!allowed) throw new RuleRefusedException("illegal-transition", "An order that is " + code() + " cannot become " + to.code() + ".");
        return to;
    }
}
