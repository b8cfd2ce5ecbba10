package io.kizuna.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.store.OrderTotals.Line;
import io.kizuna.store.OrderTotals.RateTax;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The order arithmetic: worked examples, then properties over 20,000 random carts (seeded, so failures repeat). */
class OrderTotalsTests {

    @Test
    void taxIsComputedOncePerRateOnTheTaxIncludedTotal() {
        // given: coffee beans at 8% (¥1,080 x 2) and a kettle at 10% (¥5,500), shipping ¥800
        var totals = OrderTotals.of(List.of(new Line(2160, 8), new Line(5500, 10)), 0, 800, 0);
        // then
        assertThat(totals.subtotal()).isEqualTo(7660);
        assertThat(totals.total()).isEqualTo(8460);
        assertThat(totals.taxBreakdown()).containsExactly(new RateTax(10, 6300, 572), new RateTax(8, 2160, 160));
    }

    @Test
    void roundsOncePerRateNotPerLine() {
        // rounded per line, three ¥105 lines would carry 9 + 9 + 9 = 27 yen of tax; once on ¥315 it is 28
        var totals = OrderTotals.of(List.of(new Line(105, 10), new Line(105, 10), new Line(105, 10)), 0, 0, 0);
        assertThat(totals.taxBreakdown()).containsExactly(new RateTax(10, 315, 28));
    }

    @Test
    void splitsADiscountByRateWithTheRemainderToTheLargestRate() {
        // given: ¥1,000 at 8% and ¥2,000 at 10%, ¥100 off
        var totals = OrderTotals.of(List.of(new Line(1000, 8), new Line(2000, 10)), 100, 0, 0);
        // then: 33 and 66 by proportion, the 1 left over goes to the 10% part (the larger)
        assertThat(totals.taxBreakdown()).containsExactly(new RateTax(10, 1933, 175), new RateTax(8, 967, 71));
        assertThat(totals.total()).isEqualTo(2900);
    }

    @Test
    void feesAndShippingAreStandardRateEvenWithOnlyReducedGoods() {
        var totals = OrderTotals.of(List.of(new Line(1080, 8)), 0, 800, 330);
        assertThat(totals.taxBreakdown()).containsExactly(new RateTax(10, 1130, 102), new RateTax(8, 1080, 80));
        assertThat(totals.total()).isEqualTo(2210);
    }

    @Test
    void aDiscountNeverExceedsTheGoods() {
        var totals = OrderTotals.of(List.of(new Line(500, 8)), 9999, 800, 0);
        assertThat(totals.discount()).isEqualTo(500);
        assertThat(totals.total()).isEqualTo(800);
    }

    @Test
    void perRateFiguresAddUpOverRandomCarts() {
        var random = new Random(20261123L);
        for (int run = 0; run < 20_000; run++) {
            // given
            var lines = new ArrayList<Line>();
            int n = 1 + random.nextInt(6);
            long goods = 0;
            long standardGoods = 0;
            long reducedGoods = 0;
            for (int i = 0; i < n; i++) {
                int rate = random.nextBoolean() ? 10 : 8;
                long amount = (long) (1 + random.nextInt(50_000)) * (1 + random.nextInt(999));
                if (random.nextInt(10) == 0) amount = random.nextInt(3); // tiny and zero-priced lines too
                lines.add(new Line(amount, rate));
                goods += amount;
                if (rate == 10) standardGoods += amount;
                else reducedGoods += amount;
            }
            long discount = random.nextInt(4) == 0 ? 0 : random.nextInt((int) Math.min(Integer.MAX_VALUE, goods + 1000));
            long shipping = random.nextBoolean() ? 0 : random.nextInt(2000);
            long fee = random.nextBoolean() ? 0 : 330;
            // when
            var t = OrderTotals.of(lines, discount, shipping, fee);
            // then
            assertThat(t.subtotal()).isEqualTo(goods);
            assertThat(t.discount()).isEqualTo(Math.min(discount, goods));
            assertThat(t.total()).isEqualTo(goods - t.discount() + shipping + fee);
            assertThat(t.taxBreakdown().stream().mapToLong(RateTax::taxableAmount).sum()).as("per-rate amounts add up").isEqualTo(t.total());
            for (var r : t.taxBreakdown()) {
                assertThat(r.tax()).isEqualTo(Math.floorDiv((long) r.taxableAmount() * r.rate(), 100 + r.rate()));
                assertThat(r.taxableAmount()).isNotNegative();
                long rateGoods = r.rate() == 10 ? standardGoods : reducedGoods;
                long rateExtras = r.rate() == 10 ? shipping + fee : 0;
                // each rate's discount share is between 0 and that rate's goods, and within 1 yen of its proportional share
                long share = rateGoods + rateExtras - r.taxableAmount();
                assertThat(share).isBetween(0L, rateGoods);
                if (goods > 0) assertThat(Math.abs(share * goods - t.discount() * rateGoods)).isLessThanOrEqualTo(goods);
            }
        }
    }
}
