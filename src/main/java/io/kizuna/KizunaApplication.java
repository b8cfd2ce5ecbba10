package io.kizuna;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Kizuna: one server for a brand's customer community and its store. */
@SpringBootApplication
@EnableScheduling
public class KizunaApplication {

    public static void main(String[] args) {
        // KIZUNA_LOG_FORMAT=json switches the console to structured (ECS) JSON lines.
        if ("json".equalsIgnoreCase(System.getenv("KIZUNA_LOG_FORMAT"))) {
            System.setProperty("logging.structured.format.console", "ecs");
        }
        SpringApplication.run(KizunaApplication.class, args);
    }
}
