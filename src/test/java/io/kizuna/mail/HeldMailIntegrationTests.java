package io.kizuna.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.ApplicationTestBase;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With no SMTP server configured, mail is kept in the outbox and owners and admins read it at /admin/mail. */
class HeldMailIntegrationTests extends ApplicationTestBase {

    @DynamicPropertySource
    static void noSmtp(DynamicPropertyRegistry registry) throws Exception {
        configure(registry, false);
    }

    @Test
    void mailWithoutSmtpIsHeldForAdminsToRead() {
        var member = api.member("held@example.com", "Held");
        var admin = api.member("admin-held@example.com", "Admin");
        jdbc.sql("update identity_users set role = 'admin' where id = " + admin.id()).update();
        assertThat(jdbc.sql("select status from mail_outbox where to_address = 'held@example.com'").query(String.class).single()).isEqualTo("held");
        // when
        var list = api.request(HttpRequest.newBuilder(api.uri("/admin/mail")).header("Authorization", "Bearer " + admin.token()).GET());
        // then
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("held@example.com").contains("メールアドレスの確認");
        long id = jdbc.sql("select id from mail_outbox where to_address = 'held@example.com'").query(Long.class).single();
        var show = api.request(HttpRequest.newBuilder(api.uri("/admin/mail/" + id)).header("Authorization", "Bearer " + admin.token()).GET());
        assertThat(show.body()).contains("/verify-email?token=");
        // a member may not read the outbox (it holds sign-in links)
        var forbidden = api.request(HttpRequest.newBuilder(api.uri("/admin/mail")).header("Authorization", "Bearer " + member.token()).GET());
        assertThat(forbidden.status()).isEqualTo(403);
        var moderator = api.member("mod-held@example.com", "Mod");
        jdbc.sql("update identity_users set role = 'moderator' where id = " + moderator.id()).update();
        assertThat(api.request(HttpRequest.newBuilder(api.uri("/admin/mail/" + id)).header("Authorization", "Bearer " + moderator.token()).GET()).status()).isEqualTo(403);
    }
}
