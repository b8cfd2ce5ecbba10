package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.IntegrationTestBase;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiConventionsIntegrationTests extends IntegrationTestBase {
    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping handlerMapping;

    @Test
    void aCursorWhoseTimeIsNoneThisServerIssuesIs400OnEveryTimeOrderedList() {
        var member = api.member("cursor-member@example.com", "カーソル");
        var moderator = withRole("cursor-mod@example.com", "moderator");
        for (String time : new String[] {"+300000-01-01T00:00Z", "not-a-time", "-0001-01-01T00:00Z"}) {
            String cursor = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString((time + "\u001f5").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (var call : new String[][] {{"/api/v1/me/notifications", member.token()}, {"/api/v1/moderation/queue", moderator.token()},
                    {"/api/v1/products", null}, {"/api/v1/live-sessions?state=ended", null}, {"/api/v1/gallery?featured=true", null}}) {
                var r = api.get(call[0] + (call[0].contains("?") ? "&" : "?") + "cursor=" + cursor, call[1]);
                assertThat(r.status()).as(call[0] + " with " + time).isEqualTo(400);
                assertThat(r.body()).as(call[0]).contains("cursor");
            }
        }
    }

    @Test
    void textWithANulCharacterIsA400NamingItsFieldWhereverItIsSent() {
        var admin = withRole("nul-admin@example.com", "admin");
        var signup = api.post("/api/v1/auth/signup", Map.of("email", "nul-pass@example.com", "password", "correct\u0000horse-1", "displayName", "名前"));
        assertThat(signup.status()).isEqualTo(400);
        assertThat(signup.body()).contains("password");
        assertThat(api.post("/api/v1/auth/token", Map.of("email", "nul-pass@example.com", "password", "correct\u0000horse-1")).status()).isEqualTo(400);
        var space = api.post("/api/v1/spaces", Map.of("slug", "nul-space", "name", "名前", "visibility", "public", "description", "説明\u0000"), admin.token());
        assertThat(space.status()).isEqualTo(400);
        assertThat(space.json().get("errors").get(0).get("field").asString()).isEqualTo("description");
        assertThat(space.json().get("errors").get(0).get("message").asString()).isEqualTo("使えない文字（U+0000）が含まれています。");
        assertThat(api.get("/api/v1/spaces/nul-space").status()).isEqualTo(404);
    }

    @Test
    void aFormOrQueryFieldWithANulCharacterIsA400BeforeAnyModuleSeesIt() {
        var search = api.get("/api/v1/search?q=a%00b");
        assertThat(search.status()).isEqualTo(400);
        assertThat(search.json().get("errors").get(0).get("field").asString()).isEqualTo("q");
        var client = new io.kizuna.support.Api("http://127.0.0.1:" + port);
        String csrf = client.get("/login").csrf();
        var login = client.raw("POST", "/login", "application/x-www-form-urlencoded",
            "_csrf=" + java.net.URLEncoder.encode(csrf, java.nio.charset.StandardCharsets.UTF_8) + "&email=a%00b%40example.com&password=x");
        assertThat(login.status()).isEqualTo(400);
        assertThat(api.get("/search?q=%E5%85%85%E9%9B%BB%00").status()).as("a page").isEqualTo(400);
    }

    @Test
    void unknownApiPathIsProblemJson404() {
        var r = api.get("/api/v1/no-such-thing");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("type").asString()).endsWith("not-found");
        assertThat(r.json().get("title").asString()).isEqualTo("Not Found");
        assertThat(r.json().get("status").asInt()).isEqualTo(404);
        assertThat(r.json().has("detail")).isTrue();
    }

    @Test
    void wrongMethodIs405WithAllow() {
        var r = api.raw("DELETE", "/api/v1/auth/token", null, "");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.header("Allow")).contains("POST");
    }

    @Test
    void pathsWithVariablesFindTheirHandlerThroughThePrefixCheckAndStillAnswer405WithAllow() {
        assertThat(handlerMapping.getClass().getSimpleName()).isEqualTo("PrefixCheckedHandlerMapping");
        assertThat(api.get("/api/v1/threads/999999/posts").status()).isEqualTo(404);
        var r = api.raw("PATCH", "/api/v1/threads/999999/posts", "application/json", "{}");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).contains("GET").contains("POST");
    }

    @Test
    void wrongContentTypeIs415() {
        var r = api.raw("POST", "/api/v1/auth/signup", "text/plain", "hello");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void bodyOverTheLimitIs413AndWritesNothing() {
        String huge = "{\"email\":\"big@example.com\",\"password\":\"correct-horse-1\",\"displayName\":\"" + "x".repeat(1_100_000) + "\"}";
        var r = api.raw("POST", "/api/v1/auth/signup", "application/json", huge);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(jdbc.sql("select count(*) from identity_users where email = 'big@example.com'").query(Long.class).single()).isZero();
    }

    @Test
    void chunkedBodyOverTheLimitIs413() {
        byte[] huge = ("{\"displayName\":\"" + "y".repeat(1_200_000) + "\"}").getBytes();
        var request = HttpRequest.newBuilder(api.uri("/api/v1/auth/signup"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)));
        var r = api.request(request);
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void emptyBodyIs400() {
        var r = api.raw("POST", "/api/v1/auth/signup", "application/json", "");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void badPagingParametersAre400() {
        var owner = api.member("pager@example.com", "Pager");
        jdbc.sql("update identity_users set role = 'owner' where id = " + owner.id()).update();
        assertThat(api.get("/api/v1/users?limit=0", owner.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/users?limit=101", owner.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/users?limit=abc", owner.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/users?cursor=!!!", owner.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/users?limit=100", owner.token()).status()).isEqualTo(200);
    }

    @Test
    void pingIsPublic() {
        var r = api.get("/api/v1/ping");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("ok");
    }

    @Test
    void openApiDescribesTheIdentityApi() {
        var r = api.get("/v3/api-docs");
        assertThat(r.status()).isEqualTo(200);
        var paths = r.json().get("paths");
        assertThat(paths.has("/api/v1/auth/signup")).isTrue();
        assertThat(paths.has("/api/v1/auth/token")).isTrue();
        assertThat(paths.has("/api/v1/me")).isTrue();
        assertThat(paths.has("/api/v1/users/{id}/role")).isTrue();
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void healthIsUpAndMetricsAreExposed() {
        var health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        var metrics = api.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void apiWritesWithASessionCookieNeedCsrf() {
        // a browser session (cookie) calling the API without the CSRF token is refused
        var signup = api.raw("POST", "/signup", "application/x-www-form-urlencoded", "email=x%40example.com");
        assertThat(signup.status()).isEqualTo(403);
        var withCookie = api.request(HttpRequest.newBuilder(api.uri("/api/v1/me/password"))
            .header("Content-Type", "application/json")
            .header("Cookie", "KIZUNA_SESSION=abc")
            .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(withCookie.status()).isEqualTo(403);
        assertThat(withCookie.contentType()).startsWith("application/problem+json");
    }

    @Test
    void idOfWrongShapeIsNotFound() {
        var owner = api.member("shape@example.com", "Shape");
        jdbc.sql("update identity_users set role = 'owner' where id = " + owner.id()).update();
        assertThat(api.patch("/api/v1/users/not-a-number/role", Map.of("role", "member"), owner.token()).status()).isEqualTo(404);
    }
}
