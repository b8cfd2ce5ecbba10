package io.kizuna.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.IntegrationTestBase;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** APPI: export and erasure of a member's personal data. */
class PersonalDataIntegrationTests extends IntegrationTestBase {

    @Test
    void exportHoldsTheAccountAndOnlyTheCallersData() {
        var a = api.member("export-a@example.com", "Export A");
        api.member("export-b@example.com", "Export B");
        var export = api.get("/api/v1/me/personal-data", a.token());
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.json().get("account").get("email").asString()).isEqualTo("export-a@example.com");
        assertThat(export.json().get("apiTokens")).hasSize(1);
        assertThat(export.body()).doesNotContain("export-b@example.com").doesNotContain("password");
    }

    @Test
    void deletingTheAccountErasesPersonalDataKeepsTheRowAndFreesTheEmail() {
        var m = api.member("erase@example.com", "消える 人");
        api.patch("/api/v1/me", Map.of("displayName", "消える 人", "familyName", "山田", "givenName", "太郎"), m.token());
        // wrong password: refused, nothing changes
        assertThat(api.delete("/api/v1/me", Map.of("password", "wrong-password"), m.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/me", m.token()).status()).isEqualTo(200);
        // when
        assertThat(api.delete("/api/v1/me", Map.of("password", "correct-horse-1"), m.token()).status()).isEqualTo(204);
        // then
        assertThat(api.get("/api/v1/me", m.token()).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/token", Map.of("email", "erase@example.com", "password", "correct-horse-1")).status()).isEqualTo(401);
        var row = jdbc.sql("select email, display_name, family_name, given_name, password_hash, erased_at is not null as erased from identity_users where id = " + m.id())
            .query((rs, i) -> Map.of("email", rs.getString(1), "name", rs.getString(2), "family", String.valueOf(rs.getString(3)),
                "given", String.valueOf(rs.getString(4)), "hash", String.valueOf(rs.getString(5)), "erased", rs.getBoolean(6))).single();
        assertThat(row.get("email").toString()).doesNotContain("erase@example.com");
        assertThat(row.get("family")).isEqualTo("null");
        assertThat(row.get("given")).isEqualTo("null");
        assertThat(row.get("hash")).isEqualTo("null");
        assertThat(row.get("erased")).isEqualTo(true);
        assertThat(count("identity_api_tokens where user_id = " + m.id())).isZero();
        // mail to the old address is erased in the same transaction
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count("mail_outbox where to_address = 'erase@example.com'") == 0);
        // the address can sign up again as a new member
        assertThat(api.post("/api/v1/auth/signup", Map.of("email", "erase@example.com", "password", "correct-horse-2", "displayName", "New")).status()).isEqualTo(201);
    }

    @Test
    void theLastOwnerCannotLeave() {
        var owner = api.member("last-owner@example.com", "Owner");
        jdbc.sql("update identity_users set role = 'owner' where id = " + owner.id()).update();
        assertThat(api.delete("/api/v1/me", Map.of("password", "correct-horse-1"), owner.token()).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/me", owner.token()).status()).isEqualTo(200);
    }
}
