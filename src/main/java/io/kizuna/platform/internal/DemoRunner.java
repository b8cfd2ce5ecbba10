package io.kizuna.platform.internal;

import io.kizuna.platform.DemoSeeder;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Runs every module's demo seeder once the database is migrated, when {@code KIZUNA_DEMO=true}. */
@Component
@Order(100)
class DemoRunner implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);
    private final List<DemoSeeder> seeders;
    private final boolean enabled;

    DemoRunner(List<DemoSeeder> seeders, @Value("${kizuna.demo:false}") boolean enabled) {
        this.seeders = seeders;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) return;
        seeders.stream().sorted(Comparator.comparingInt(DemoSeeder::order)).forEach(s -> {
            log.info("Demo data: {}", s.getClass().getSimpleName());
            s.seed();
        });
    }
}
