package io.kizuna.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.IntegrationTestBase;
import io.kizuna.support.TestMail;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Account mails go out over real SMTP (GreenMail in the test JVM) and their links work. */
class AccountMailIntegrationTests extends IntegrationTestBase {

    @Test
    void signupMailsAVerificationLinkThatVerifiesTheAddress() {
        var member = api.member("verify@example.com", "確認 太郎");
        var mail = TestMail.await("verify@example.com", "メールアドレスの確認");
        assertThat(TestMail.body(mail)).contains("確認 太郎");
        String link = TestMail.link(mail, "/verify-email?token=");
        assertThat(link).startsWith("http://localhost:" + port + "/");
        assertThat(api.get("/api/v1/me", member.token()).json().get("emailVerified").asBoolean()).isFalse();
        // when
        var page = api.get(link.replace("localhost", "127.0.0.1"));
        // then
        assertThat(page.status()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
            .until(() -> api.get("/api/v1/me", member.token()).json().get("emailVerified").asBoolean());
        // a link works once
        assertThat(api.get(link.replace("localhost", "127.0.0.1")).status()).isEqualTo(400);
    }

    @Test
    void englishSignupGetsEnglishMail() {
        var request = java.net.http.HttpRequest.newBuilder(api.uri("/api/v1/auth/signup"))
            .header("Content-Type", "application/json").header("Accept-Language", "en")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(io.kizuna.support.Api.json(
                Map.of("email", "english@example.com", "password", "correct-horse-1", "displayName", "Emma"))));
        assertThat(api.request(request).status()).isEqualTo(201);
        var mail = TestMail.await("english@example.com", "Confirm your email");
        assertThat(TestMail.body(mail)).startsWith("Hello Emma,");
    }

    @Test
    void passwordResetByMailSetsANewPasswordAndEndsOldTokens() throws Exception {
        var member = api.member("reset@example.com", "Reset");
        // when the member asks for a reset on the page
        var form = api.get("/password/forgot");
        String csrf = form.csrf();
        var asked = api.raw("POST", "/password/forgot", "application/x-www-form-urlencoded",
            "_csrf=" + enc(csrf) + "&email=reset%40example.com");
        assertThat(asked.status()).isEqualTo(200);
        var mail = TestMail.await("reset@example.com", "パスワードの再設定");
        String link = TestMail.link(mail, "/password/reset?token=").replace("localhost", "127.0.0.1");
        var resetForm = api.get(link);
        assertThat(resetForm.status()).isEqualTo(200);
        String token = link.substring(link.indexOf("token=") + 6);
        String csrf2 = resetForm.csrf();
        var done = api.raw("POST", "/password/reset", "application/x-www-form-urlencoded",
            "_csrf=" + enc(csrf2) + "&token=" + token + "&password=brand-new-pass-1");
        // then
        assertThat(done.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/me", member.token()).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/token", Map.of("email", "reset@example.com", "password", "brand-new-pass-1")).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/token", Map.of("email", "reset@example.com", "password", "correct-horse-1")).status()).isEqualTo(401);
        // the link is used up
        assertThat(api.get(link).status()).isEqualTo(400);
    }

    @Test
    void resetForAnUnknownAddressAnswersTheSameAndSendsNothing() {
        var form = api.get("/password/forgot");
        String csrf = form.csrf();
        var asked = api.raw("POST", "/password/forgot", "application/x-www-form-urlencoded", "_csrf=" + enc(csrf) + "&email=ghost%40example.com");
        assertThat(asked.status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from mail_outbox where to_address = 'ghost@example.com'").query(Long.class).single()).isZero();
    }

    @Test
    void mailIsWrittenToTheOutboxAndMarkedSent() {
        api.member("outbox@example.com", "Outbox");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
            "sent".equals(jdbc.sql("select status from mail_outbox where to_address = 'outbox@example.com'").query(String.class).single()));
    }
}
