package io.kizuna.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.ApplicationTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Anonymous visitors read through a short cache; signed-in members always read fresh data. */
class AnonymousReadsIntegrationTests extends ApplicationTestBase {

    @DynamicPropertySource
    static void longCache(DynamicPropertyRegistry registry) throws Exception {
        configure(registry, false);
        registry.add("kizuna.community.anonymous-cache-ms", () -> "60000");
    }

    @Test
    void anonymousListsMayLagWhileMembersSeeTheirWriteAtOnce() {
        var admin = withRole("admin-c@example.com", "admin");
        api.post("/api/v1/spaces", Map.of("slug", "cached", "name", "Cached", "visibility", "public"), admin.token());
        assertThat(api.get("/api/v1/spaces/cached/threads").json().get("items")).isEmpty();
        api.post("/api/v1/spaces/cached/threads", Map.of("title", "新しい話題", "body", "本文", "kind", "discussion"), admin.token());
        // the anonymous list comes from the cache (up to the configured age), the member's from the database
        assertThat(api.get("/api/v1/spaces/cached/threads").json().get("items")).isEmpty();
        assertThat(api.get("/api/v1/spaces/cached/threads", admin.token()).json().get("items")).hasSize(1);
        // private content never enters the anonymous cache: a private space stays 404 for visitors
        api.post("/api/v1/spaces", Map.of("slug", "hidden", "name", "Hidden", "visibility", "private"), admin.token());
        assertThat(api.get("/api/v1/spaces/hidden/threads").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/spaces/hidden/threads", admin.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/spaces/hidden/threads").status()).isEqualTo(404);
    }
}
