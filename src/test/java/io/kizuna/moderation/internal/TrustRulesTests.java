package io.kizuna.moderation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.moderation.internal.TrustRules.Activity;
import io.kizuna.moderation.internal.TrustRules.Missing;
import io.kizuna.moderation.internal.TrustRules.Threshold;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustRulesTests {
    private static final List<Threshold> DEFAULTS = List.of(
        new Threshold(1, 1, 30, 0, 0, 0),
        new Threshold(2, 15, 100, 3, 1, 0),
        new Threshold(3, 50, 500, 10, 20, 90),
        new Threshold(4, 100, 2000, 50, 100, 180));

    @Test
    void aLevelNeedsItsOwnAndEveryLowerLevelsThresholds() {
        assertThat(TrustRules.level(new Activity(0, 0, 0, 0, null, false), DEFAULTS)).isZero();
        assertThat(TrustRules.level(new Activity(1, 30, 0, 0, null, false), DEFAULTS)).isEqualTo(1);
        assertThat(TrustRules.level(new Activity(15, 100, 3, 1, null, false), DEFAULTS)).isEqualTo(2);
        assertThat(TrustRules.level(new Activity(200, 5000, 100, 500, null, false), DEFAULTS)).isEqualTo(4);
        // many likes but too few days visited stops at level 1
        assertThat(TrustRules.level(new Activity(2, 5000, 100, 500, null, false), DEFAULTS)).isEqualTo(1);
    }

    @Test
    void sanctionsHoldTheHigherLevelsBackAndALiveOneIsLevelZero() {
        assertThat(TrustRules.level(new Activity(200, 5000, 100, 500, 30L, false), DEFAULTS)).isEqualTo(2);
        assertThat(TrustRules.level(new Activity(200, 5000, 100, 500, 100L, false), DEFAULTS)).isEqualTo(3);
        assertThat(TrustRules.level(new Activity(200, 5000, 100, 500, 180L, false), DEFAULTS)).isEqualTo(4);
        assertThat(TrustRules.level(new Activity(200, 5000, 100, 500, null, true), DEFAULTS)).isZero();
    }

    @Test
    void missingNamesWhatTheNextLevelStillNeeds() {
        assertThat(TrustRules.missing(new Activity(20, 150, 1, 0, 10L, false), DEFAULTS.get(2))).containsExactly(
            new Missing("daysVisited", 20, 50), new Missing("postsRead", 150, 500), new Missing("postsMade", 1, 10),
            new Missing("likesReceived", 0, 20), new Missing("sanctionFreeDays", 10, 90));
    }
}
