package io.kizuna.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api;
import io.kizuna.support.IntegrationTestBase;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Web sessions: created only by signing in on a page, renewed at each sign-in, cookies locked down. */
class SessionIntegrationTests extends IntegrationTestBase {

    private Api.Response loginPage(Api client, String email) {
        // every page carries the CSRF token in a meta tag
        var form = client.get("/");
        return client.raw("POST", "/login", "application/x-www-form-urlencoded",
            "_csrf=" + URLEncoder.encode(form.csrf(), StandardCharsets.UTF_8) + "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=correct-horse-1");
    }

    private static String sessionCookie(Api.Response r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("KIZUNA_SESSION=")).findFirst().orElse(null);
    }

    @Test
    void bearerTokenCallsNeverCreateSessions() {
        var m = api.member("stateless@example.com", "Stateless");
        var me = api.get("/api/v1/me", m.token());
        assertThat(me.status()).isEqualTo(200);
        assertThat(sessionCookie(me)).isNull();
        assertThat(count("spring_session where principal_name = '" + m.id() + "'")).isZero();
    }

    @Test
    void signingInIssuesANewSessionIdEvenWhenOneWasPresented() {
        api.member("fix-a@example.com", "A");
        api.member("fix-b@example.com", "B");
        var first = loginPage(api, "fix-a@example.com");
        assertThat(first.status()).isEqualTo(302);
        String cookieA = sessionCookie(first);
        assertThat(cookieA).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        // the same browser (holding session A) signs in again as B
        var second = loginPage(api, "fix-b@example.com");
        String cookieB = sessionCookie(second);
        assertThat(cookieB).isNotNull();
        assertThat(cookieB.split(";")[0]).isNotEqualTo(cookieA.split(";")[0]);
        // and the session now belongs to B
        var account = api.get("/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.body()).contains("fix-b@example.com").doesNotContain("fix-a@example.com");
    }

    @Test
    void loggingOutEndsTheSession() {
        api.member("logout@example.com", "Logout");
        loginPage(api, "logout@example.com");
        var account = api.get("/account");
        assertThat(account.status()).isEqualTo(200);
        var out = api.raw("POST", "/logout", "application/x-www-form-urlencoded", "_csrf=" + URLEncoder.encode(account.csrf(), StandardCharsets.UTF_8));
        assertThat(out.status()).isEqualTo(302);
        assertThat(api.get("/account").status()).isEqualTo(302);
    }

    @Test
    void pageFormsWithoutTheCsrfTokenAreRefused() {
        api.member("csrf@example.com", "Csrf");
        loginPage(api, "csrf@example.com");
        var r = api.raw("POST", "/account/profile", "application/x-www-form-urlencoded", "displayName=Hacked");
        assertThat(r.status()).isEqualTo(403);
        assertThat(jdbc.sql("select display_name from identity_users where email = 'csrf@example.com'").query(String.class).single()).isEqualTo("Csrf");
    }

    @Test
    void aRoleChangeReachesAnOpenSession() {
        var m = api.member("promoted@example.com", "Promoted");
        loginPage(api, "promoted@example.com");
        assertThat(api.request(HttpRequest.newBuilder(api.uri("/admin/users")).GET()).status()).isEqualTo(403);
        jdbc.sql("update identity_users set role = 'admin' where id = " + m.id()).update();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
            .until(() -> api.get("/admin/users").status() == 200);
    }
}
