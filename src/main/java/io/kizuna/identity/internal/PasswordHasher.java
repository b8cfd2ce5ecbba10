package io.kizuna.identity.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id hashes; unknown accounts still cost one hash so timing does not reveal which emails exist.
 *
 * <p>Each hash holds 16 MB of memory while it runs and keeps a core busy, so at most one hash per core runs at once
 * and the rest wait: a burst of logins (a live show starting, a flood) then costs time, not a heap of 16 MB per request
 * thread (200 of them would be 3.2 GB), and hashing more at once would not finish sooner anyway.
 */
@Component
public class PasswordHasher {
    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final Semaphore running;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final String decoy;

    public PasswordHasher() {
        this(Runtime.getRuntime().availableProcessors());
    }

    PasswordHasher(int atOnce) {
        running = new Semaphore(atOnce, true);
        decoy = encoder.encode("decoy-password-for-timing");
    }

    public String hash(String password) {
        return bounded(() -> encoder.encode(password));
    }

    public boolean matches(String password, String hash) {
        if (hash == null) {
            bounded(() -> encoder.matches(password, decoy));
            return false;
        }
        return bounded(() -> encoder.matches(password, hash));
    }

    /** The most hashes that have run at the same moment since start. */
    int peakAtOnce() {
        return peak.get();
    }

    private <T> T bounded(Supplier<T> work) {
        running.acquireUninterruptibly();
        try {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return work.get();
        } finally {
            inFlight.decrementAndGet();
            running.release();
        }
    }
}
