package io.kizuna.community.internal;

import java.util.Arrays;

/**
 * How concentrated a community's voices are, from each active member's count of some activity (posts, votes,
 * reactions): the share of the top 1% and top 10% of those members (at least one member each, rounded up), and the
 * Gini coefficient over them (0 when everyone did the same, towards 1 when one member did everything). Members who
 * did nothing in the period are not counted. Figures are rounded to four decimals.
 */
public final class Concentration {
    private Concentration() {}

    public record Figures(long total, int members, double top1Share, double top10Share, double gini) {
        public static final Figures NONE = new Figures(0, 0, 0, 0, 0);
    }

    public static Figures of(long[] counts) {
        long[] x = Arrays.stream(counts).filter(c -> c > 0).sorted().toArray();
        int n = x.length;
        if (n == 0) return Figures.NONE;
        long total = Arrays.stream(x).sum();
        return new Figures(total, n, round(top(x, 0.01) / (double) total), round(top(x, 0.10) / (double) total), round(gini(x, total)));
    }

    /** The sum of the largest ceil(n * share) counts (at least one); {@code sorted} is ascending. */
    private static long top(long[] sorted, double share) {
        int k = Math.max(1, (int) Math.ceil(sorted.length * share - 1e-9));
        long sum = 0;
        for (int i = sorted.length - k; i < sorted.length; i++) sum += sorted[i];
        return sum;
    }

    /** G = sum over i of (2i - n - 1) x_i / (n * total), with x ascending and i from 1. */
    private static double gini(long[] sorted, long total) {
        int n = sorted.length;
        double weighted = 0;
        for (int i = 0; i < n; i++) weighted += (2.0 * (i + 1) - n - 1) * sorted[i];
        return weighted / ((double) n * total);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
