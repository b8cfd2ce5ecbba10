package io.kizuna.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Absolute links for mail: {@code KIZUNA_BASE_URL}, or this server on localhost when unset (fine on one machine; set it behind a proxy). */
@Component
public class PublicUrls {
    private final String configured;
    private final Environment environment;

    PublicUrls(@Value("${kizuna.base-url:}") String baseUrl, Environment environment) {
        this.configured = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.environment = environment;
    }

    /** The base without a trailing slash, e.g. {@code https://community.example.jp}. */
    public String base() {
        if (!configured.isBlank()) return configured;
        return "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }

    /** {@code path} (starting with /) made absolute. */
    public String of(String path) {
        return base() + path;
    }
}
