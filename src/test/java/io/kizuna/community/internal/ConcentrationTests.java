package io.kizuna.community.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConcentrationTests {

    @Test
    void everyoneEqualIsZeroGiniAndSharesAreTheTopMembers() {
        var f = Concentration.of(new long[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2});
        assertThat(f.total()).isEqualTo(20);
        assertThat(f.members()).isEqualTo(10);
        assertThat(f.top1Share()).isEqualTo(0.1);
        assertThat(f.top10Share()).isEqualTo(0.1);
        assertThat(f.gini()).isZero();
    }

    @Test
    void oneLoudMemberAmongTwenty() {
        // 30, 10 and eighteen ones: top 1% is one member, top 10% two; G = 704 / (20 * 58)
        long[] counts = new long[20];
        java.util.Arrays.fill(counts, 1);
        counts[4] = 30;
        counts[11] = 10;
        var f = Concentration.of(counts);
        assertThat(f.total()).isEqualTo(58);
        assertThat(f.top1Share()).isEqualTo(0.5172);
        assertThat(f.top10Share()).isEqualTo(0.6897);
        assertThat(f.gini()).isEqualTo(0.6069);
    }

    @Test
    void membersWithNothingAreLeftOutAndNobodyIsAllZero() {
        assertThat(Concentration.of(new long[] {0, 6, 3, 1, 0})).isEqualTo(new Concentration.Figures(10, 3, 0.6, 0.6, 0.3333));
        assertThat(Concentration.of(new long[0])).isEqualTo(Concentration.Figures.NONE);
        assertThat(Concentration.of(new long[] {5}).gini()).isZero();
    }

    @Test
    void theTopTenPercentOfAHundredAndOneIsElevenMembers() {
        long[] counts = new long[101];
        for (int i = 0; i < counts.length; i++) counts[i] = i + 1;
        var f = Concentration.of(counts);
        // top 1%: ceil(1.01) = 2 members (101 + 100); top 10%: ceil(10.1) = 11 members (91..101)
        assertThat(f.top1Share()).isEqualTo(Math.round(201 / 5151.0 * 10000) / 10000.0);
        assertThat(f.top10Share()).isEqualTo(Math.round(1056 / 5151.0 * 10000) / 10000.0);
    }
}
