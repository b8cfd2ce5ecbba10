package io.kizuna.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny HTTP client for tests: JSON in and out, optional bearer token, real sockets. */
public final class Api {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final String base;
    private final HttpClient http;

    public Api(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A response: status, headers and the body as text (and as JSON when it is JSON). */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The CSRF token every page carries in its {@code csrf-token} meta tag. */
        public String csrf() {
            var m = java.util.regex.Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">").matcher(body);
            if (!m.find()) throw new AssertionError("no CSRF token in: " + body);
            return m.group(1);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), null);
    }

    public Response get(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    public Response post(String path, Object body, String token) {
        return sendBody("POST", path, body, token);
    }

    /** A POST with one extra header, such as {@code Idempotency-Key}. */
    public Response post(String path, Object body, String token, String header, String value) {
        var b = HttpRequest.newBuilder(uri(path)).method("POST", HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json(body)))
            .header("Content-Type", "application/json").header(header, value);
        return send(b, token);
    }

    /** A POST that must create something (201, or the test fails with the answer); the new resource's id. */
    public String created(String path, Object body, String token) {
        var r = post(path, body, token);
        if (r.status() != 201) throw new AssertionError("expected 201 from POST " + path + ": " + r);
        return r.json().get("id").asString();
    }

    public Response put(String path, Object body, String token) {
        return sendBody("PUT", path, body, token);
    }

    public Response post(String path, Object body) {
        return sendBody("POST", path, body, null);
    }

    public Response patch(String path, Object body, String token) {
        return sendBody("PATCH", path, body, token);
    }

    public Response delete(String path, Object body, String token) {
        return sendBody("DELETE", path, body, token);
    }

    /** A JSON request with any method, for tests that try one call with several methods. */
    public Response request(String method, String path, Object body, String token) {
        return sendBody(method, path, body, token);
    }

    /** Sends a raw body with the given content type, for malformed-input tests. */
    public Response raw(String method, String path, String contentType, String body) {
        var b = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        return send(b, null);
    }

    public Response request(HttpRequest.Builder builder) {
        return send(builder, null);
    }

    public URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : base + path);
    }

    private Response sendBody(String method, String path, Object body, String token) {
        var publisher = body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json(body));
        var b = HttpRequest.newBuilder(uri(path)).method(method, publisher);
        if (body != null) b.header("Content-Type", "application/json");
        return send(b, token);
    }

    private Response send(HttpRequest.Builder builder, String token) {
        if (token != null) builder.header("Authorization", "Bearer " + token);
        try {
            var r = http.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs up a member and returns a token for them. */
    public Member member(String email, String displayName) {
        var signup = post("/api/v1/auth/signup", java.util.Map.of("email", email, "password", "correct-horse-1", "displayName", displayName));
        if (signup.status() != 201) throw new AssertionError("signup failed: " + signup);
        return login(email, "correct-horse-1");
    }

    public Member login(String email, String password) {
        var token = post("/api/v1/auth/token", java.util.Map.of("email", email, "password", password));
        if (token.status() != 200) throw new AssertionError("token failed: " + token);
        var json = token.json();
        return new Member(json.get("user").get("id").asString(), email, json.get("token").asString());
    }

    /** A signed-up member with a live token. */
    public record Member(String id, String email, String token) {}
}
