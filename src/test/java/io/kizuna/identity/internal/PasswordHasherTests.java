package io.kizuna.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class PasswordHasherTests {

    @Test
    void aBurstOfHashesRunsAtMostTheBoundAtOnceAndEachStillAnswersRight() throws Exception {
        var hasher = new PasswordHasher(2);
        var start = new CountDownLatch(1);
        var tasks = new ArrayList<Callable<Boolean>>();
        for (int i = 0; i < 8; i++) {
            String password = "password-" + i;
            tasks.add(() -> {
                start.await();
                String hash = hasher.hash(password);
                return hasher.matches(password, hash) && !hasher.matches(password + "x", hash) && !hasher.matches(password, null);
            });
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            var results = tasks.stream().map(pool::submit).toList();
            start.countDown();
            for (var result : results) assertThat(result.get()).isTrue();
        }
        assertThat(hasher.peakAtOnce()).isEqualTo(2);
    }
}
