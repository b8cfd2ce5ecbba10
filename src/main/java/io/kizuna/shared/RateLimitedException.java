package io.kizuna.shared;

/** HTTP 429 with {@code Retry-After}. */
public class RateLimitedException extends DomainException {
    private final long retryAfterSeconds;

    public RateLimitedException(String detail, long retryAfterSeconds) {
        super(429, "rate-limited", detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
