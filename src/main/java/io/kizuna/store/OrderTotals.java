package io.kizuna.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The money arithmetic of one order, pure and exact in integer yen. Prices are tax-included; consumption tax per rate
 * is computed once on that rate's tax-included total (qualified invoice rule): {@code floor(taxable * rate / (100 + rate))}.
 * Shipping and fees are standard rate. A discount is split across rates in proportion to their goods totals, rounding
 * down, and the remainder goes to the rate with the largest goods total (the standard rate on a tie), so the per-rate
 * figures always add up to the total.
 */
public record OrderTotals(int subtotal, int discount, int shipping, int fee, int total, List<RateTax> taxBreakdown) {

    public static final int STANDARD = 10;
    public static final int REDUCED = 8;

    /** One order line's tax-included amount and its rate (10 or 8). */
    public record Line(long amount, int rate) {}

    /** One rate's share: tax-included taxable amount and the tax it contains. */
    public record RateTax(int rate, int taxableAmount, int tax) {}

    /**
     * Totals for lines, a requested discount (capped at the goods subtotal), shipping and a fee (such as cash on delivery).
     */
    public static OrderTotals of(List<Line> lines, long discount, long shipping, long fee) {
        var goods = new TreeMap<Integer, Long>(java.util.Comparator.reverseOrder());
        long subtotal = 0;
        for (var l : lines) {
            if (l.rate() != STANDARD && l.rate() != REDUCED) throw new IllegalArgumentException("rate " + l.rate());
            if (l.amount() < 0) throw new IllegalArgumentException("negative amount");
            goods.merge(l.rate(), l.amount(), Long::sum);
            subtotal += l.amount();
        }
        if (discount < 0 || shipping < 0 || fee < 0) throw new IllegalArgumentException("negative charge");
        long d = Math.min(discount, subtotal);
        Map<Integer, Long> share = split(goods, d, subtotal);
        var taxable = new TreeMap<Integer, Long>(java.util.Comparator.reverseOrder());
        goods.forEach((rate, amount) -> taxable.put(rate, amount - share.getOrDefault(rate, 0L)));
        if (shipping + fee > 0) taxable.merge(STANDARD, shipping + fee, Long::sum);
        var breakdown = new ArrayList<RateTax>();
        taxable.forEach((rate, amount) -> breakdown.add(new RateTax(rate, Math.toIntExact(amount), Math.toIntExact(amount * rate / (100 + rate)))));
        long total = subtotal - d + shipping + fee;
        return new OrderTotals(Math.toIntExact(subtotal), Math.toIntExact(d), Math.toIntExact(shipping), Math.toIntExact(fee),
            Math.toIntExact(total), List.copyOf(breakdown));
    }

    /** The discount per rate: proportional, rounded down, the remainder to the rate with the largest goods total. */
    static Map<Integer, Long> split(Map<Integer, Long> goods, long discount, long subtotal) {
        var share = new TreeMap<Integer, Long>();
        if (discount == 0 || subtotal == 0) return share;
        long given = 0;
        int largest = -1;
        long largestAmount = -1;
        for (var e : goods.entrySet()) { // standard rate first, so it wins a tie
            long part = Math.multiplyExact(discount, e.getValue()) / subtotal;
            share.put(e.getKey(), part);
            given += part;
            if (e.getValue() > largestAmount) {
                largest = e.getKey();
                largestAmount = e.getValue();
            }
        }
        share.merge(largest, discount - given, Long::sum);
        return share;
    }

    /** The tax of one rate in this order (0 when the order has none at that rate). */
    public int taxAt(int rate) {
        return taxBreakdown.stream().filter(r -> r.rate() == rate).mapToInt(RateTax::tax).sum();
    }
}
