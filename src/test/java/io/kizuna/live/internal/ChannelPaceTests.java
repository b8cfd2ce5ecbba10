package io.kizuna.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The wait between two passes over a show's listeners follows the length of the last pass, up to a cap. */
class ChannelPaceTests {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void theNextPassWaitsAsLongAsTheLastOneTook() {
        var c = new Channel(1);
        c.paceAfter(1_000 * MS, 1_030 * MS);
        assertThat(c.nextPassAt).isEqualTo(1_060 * MS);
    }

    @Test
    void aShortPassAddsNoNoticeableWaitAndALongOneAtMostTheCap() {
        var c = new Channel(1);
        c.paceAfter(0, 20_000); // 20 µs: a small audience
        assertThat(c.nextPassAt).isEqualTo(40_000);
        c.paceAfter(0, 900 * MS);
        assertThat(c.nextPassAt).isEqualTo(900 * MS + Channel.MAX_PACE_NANOS);
    }
}
