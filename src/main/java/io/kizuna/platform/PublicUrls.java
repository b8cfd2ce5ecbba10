package io.kizuna.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Absolute links for mail: {@code KIZUNA_BASE_URL}, or this server on localhost when unset (fine on one machine; set it behind a proxy). */
@Component
public class PublicUrls {
    private final String configured;
    private final Environment environment;
    /** The localhost base once the server's port is known: looking a property up walks every property source. */
    private volatile String local;

    PublicUrls(@Value("${kizuna.base-url:}") String baseUrl, Environment environment) {
        this.configured = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.environment = environment;
    }

    /** The base without a trailing slash, e.g. {@code https://community.example.jp}. */
    public String base() {
        if (!configured.isBlank()) return configured;
        var known = local;
        if (known != null) return known;
        var port = environment.getProperty("local.server.port");
        var base = "http://localhost:" + (port != null ? port : environment.getProperty("server.port", "8080"));
        if (port != null) local = base; // before the server has started, ask again next time
        return base;
    }

    /** {@code path} (starting with /) made absolute. */
    public String of(String path) {
        return base() + path;
    }
}
