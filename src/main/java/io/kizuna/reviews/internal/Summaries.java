package io.kizuna.reviews.internal;

import io.kizuna.reviews.Views.Summary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The per-product rating summary (count, sum, one counter per star) of published reviews. Every change is one
 * statement on the product's row in the writing transaction: constant time whatever the number of reviews, and exact
 * under concurrency because the row lock serialises the increments.
 */
@Repository
public class Summaries {
    private final JdbcClient jdbc;

    Summaries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A published review of {@code stars} was added. */
    public void add(long productId, int stars) {
        jdbc.sql("""
                insert into review_summaries as s (product_id, count, sum, s1, s2, s3, s4, s5)
                values (:p, 1, :stars, :d1, :d2, :d3, :d4, :d5)
                on conflict (product_id) do update set count = s.count + 1, sum = s.sum + excluded.sum, s1 = s.s1 + excluded.s1,
                  s2 = s.s2 + excluded.s2, s3 = s.s3 + excluded.s3, s4 = s.s4 + excluded.s4, s5 = s.s5 + excluded.s5""")
            .param("p", productId).param("stars", stars).param("d1", one(stars, 1)).param("d2", one(stars, 2))
            .param("d3", one(stars, 3)).param("d4", one(stars, 4)).param("d5", one(stars, 5)).update();
    }

    /** A published review of {@code stars} was removed (deleted, hidden or held). */
    public void remove(long productId, int stars) {
        change(productId, stars, 0);
    }

    /** A published review changed from {@code from} to {@code to} stars. */
    public void move(long productId, int from, int to) {
        if (from != to) change(productId, from, to);
    }

    /** One UPDATE: takes {@code from} away and adds {@code to} (0: none). The row exists, since a published review was counted. */
    private void change(long productId, int from, int to) {
        int dc = to == 0 ? -1 : 0;
        jdbc.sql("""
                update review_summaries set count = count + :dc, sum = sum + :ds, s1 = s1 + :d1, s2 = s2 + :d2, s3 = s3 + :d3,
                  s4 = s4 + :d4, s5 = s5 + :d5 where product_id = :p""")
            .param("p", productId).param("dc", dc).param("ds", to - from)
            .param("d1", one(to, 1) - one(from, 1)).param("d2", one(to, 2) - one(from, 2)).param("d3", one(to, 3) - one(from, 3))
            .param("d4", one(to, 4) - one(from, 4)).param("d5", one(to, 5) - one(from, 5)).update();
    }

    public Summary find(long productId) {
        return jdbc.sql("select count, sum, s1, s2, s3, s4, s5 from review_summaries where product_id = :p").param("p", productId)
            .query((rs, n) -> summary(rs.getInt(1), rs.getLong(2), new int[] {rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7)}))
            .optional().orElseGet(() -> summary(0, 0, new int[5]));
    }

    static Summary summary(int count, long sum, int[] stars) {
        var histogram = new LinkedHashMap<String, Integer>();
        for (int s = 5; s >= 1; s--) histogram.put(Integer.toString(s), stars[s - 1]);
        BigDecimal average = count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP);
        return new Summary(average, count, histogram);
    }

    private static int one(int stars, int which) {
        return stars == which ? 1 : 0;
    }
}
