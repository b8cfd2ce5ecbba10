package io.kizuna.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The usual integration test: its own database, and mail delivered to the in-process SMTP server. */
public abstract class IntegrationTestBase extends ApplicationTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        configure(registry, true);
    }
}
