package io.kizuna.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.shared.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTests {
    private Instant now = Instant.parse("2026-11-23T00:00:00Z");
    private final RateLimiter limiter = new RateLimiter(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void refusesOverTheLimitWithRetryAfterAndRecoversWhenTheWindowSlides() {
        for (int i = 0; i < 3; i++) limiter.acquire("signup", "1.2.3.4", 3, Duration.ofMinutes(1));
        assertThatThrownBy(() -> limiter.acquire("signup", "1.2.3.4", 3, Duration.ofMinutes(1)))
            .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(60));
        // another key has its own budget
        limiter.acquire("signup", "5.6.7.8", 3, Duration.ofMinutes(1));
        now = now.plusSeconds(61);
        limiter.acquire("signup", "1.2.3.4", 3, Duration.ofMinutes(1));
    }
}
