package io.kizuna.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityApiIntegrationTests extends IntegrationTestBase {

    @Test
    void signsUpIssuesTokenAndShowsTheMember() {
        // given
        var signup = api.post("/api/v1/auth/signup", Map.of("email", "hanako@example.com", "password", "correct-horse-1", "displayName", "山田 花子"));
        // when
        var token = api.post("/api/v1/auth/token", Map.of("email", "HANAKO@example.com", "password", "correct-horse-1"));
        var me = api.get("/api/v1/me", token.json().get("token").asString());
        // then
        assertThat(signup.status()).isEqualTo(201);
        assertThat(signup.json().get("id").isString()).isTrue();
        assertThat(signup.json().get("role").asString()).isEqualTo("member");
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("expiresAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").asString()).isEqualTo("hanako@example.com");
        assertThat(me.json().get("displayName").asString()).isEqualTo("山田 花子");
        assertThat(me.json().get("id").asString()).isEqualTo(signup.json().get("id").asString());
    }

    @Test
    void refusesATakenEmailRegardlessOfCase() {
        api.member("taken@example.com", "First");
        var again = api.post("/api/v1/auth/signup", Map.of("email", "Taken@Example.com", "password", "another-pass-1", "displayName", "Second"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).endsWith("email-taken");
        assertThat(jdbc.sql("select count(*) from identity_users where lower(email) = 'taken@example.com'").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aControlCharacterInAnEmailIsRefusedNotADatabaseError() {
        long before = count("identity_users");
        for (String email : new String[] {"nul\u0000@example.com", "tab\t@example.com", "bell\u0007@example.com"}) {
            var signup = api.post("/api/v1/auth/signup", body(email, "correct-horse-1", "Name"));
            assertThat(signup.status()).as("signup " + email).isEqualTo(400);
            assertThat(signup.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
            var token = api.post("/api/v1/auth/token", Map.of("email", email, "password", "correct-horse-1"));
            assertThat(token.status()).as("token " + email).isIn(400, 401);
        }
        assertThat(count("identity_users")).isEqualTo(before);
    }

    @Test
    void refusesEachKindOfBadSignupWithFieldDetailsAndWritesNothing() {
        long before = count("identity_users");
        long mailsBefore = count("mail_outbox");
        var cases = Map.<String, Map<String, Object>>of(
            "password", body("short@example.com", "123456789", "Name"),
            "email", body("not-an-email", "correct-horse-1", "Name"),
            "displayName", body("long@example.com", "correct-horse-1", "あ".repeat(51)));
        cases.forEach((field, body) -> {
            var r = api.post("/api/v1/auth/signup", body);
            assertThat(r.status()).as(field).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
            assertThat(r.json().get("errors").get(0).get("message").asString()).isNotBlank().doesNotStartWith("validation.");
        });
        var longEmail = api.post("/api/v1/auth/signup", body("a".repeat(64) + "@" + "b".repeat(185) + ".example.com", "correct-horse-1", "Name"));
        assertThat(longEmail.status()).isEqualTo(400);
        assertThat(longEmail.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
        var missing = api.post("/api/v1/auth/signup", Map.of("email", "missing@example.com"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors")).hasSize(2);
        var wrongType = api.raw("POST", "/api/v1/auth/signup", "application/json", "{\"email\": [1], \"password\": \"correct-horse-1\", \"displayName\": \"x\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
        var malformed = api.raw("POST", "/api/v1/auth/signup", "application/json", "{\"email\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("type").asString()).endsWith("malformed-json");
        assertThat(count("identity_users")).isEqualTo(before);
        assertThat(count("mail_outbox")).isEqualTo(mailsBefore);
    }

    @Test
    void fiftyCharacterDisplayNameIsAccepted() {
        var r = api.post("/api/v1/auth/signup", body("fifty@example.com", "correct-horse-1", "あ".repeat(50)));
        assertThat(r.status()).isEqualTo(201);
    }

    @Test
    void wrongPasswordAndUnknownEmailLookTheSame() {
        api.member("known@example.com", "Known");
        var wrong = api.post("/api/v1/auth/token", Map.of("email", "known@example.com", "password", "wrong-password"));
        var unknown = api.post("/api/v1/auth/token", Map.of("email", "nobody@example.com", "password", "wrong-password"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    }

    @Test
    void blocksSignInAfterRepeatedFailuresEvenWithTheRightPassword() {
        api.member("target@example.com", "Target");
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/auth/token", Map.of("email", "target@example.com", "password", "guess-" + i)).status()).isEqualTo(401);
        }
        var blocked = api.post("/api/v1/auth/token", Map.of("email", "target@example.com", "password", "correct-horse-1"));
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 31L);
        // when the block has passed, the right password works again and resets the count
        jdbc.sql("update identity_users set login_blocked_until = now() - interval '1 second' where email = 'target@example.com'").update();
        assertThat(api.post("/api/v1/auth/token", Map.of("email", "target@example.com", "password", "correct-horse-1")).status()).isEqualTo(200);
        assertThat(jdbc.sql("select failed_logins from identity_users where email = 'target@example.com'").query(Integer.class).single()).isZero();
    }

    @Test
    void aTokenNeverReadsOrChangesAnotherMember() {
        Member alice = api.member("alice@example.com", "Alice");
        Member bob = api.member("bob@example.com", "Bob");
        // bob's token only ever shows bob
        assertThat(api.get("/api/v1/me", bob.token()).json().get("id").asString()).isEqualTo(bob.id());
        // bob cannot change alice's role, nor list members
        assertThat(api.patch("/api/v1/users/" + alice.id() + "/role", Map.of("role", "admin"), bob.token()).status()).isEqualTo(403);
        assertThat(api.patch("/api/v1/users/" + bob.id() + "/role", Map.of("role", "owner"), bob.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users", bob.token()).status()).isEqualTo(403);
        // bob cannot revoke alice's token
        String aliceTokenId = api.get("/api/v1/me/tokens", alice.token()).json().get("items").get(0).get("id").asString();
        assertThat(api.delete("/api/v1/me/tokens/" + aliceTokenId, null, bob.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/me", alice.token()).status()).isEqualTo(200);
        // bob's profile change touches only bob
        api.patch("/api/v1/me", Map.of("displayName", "Bobby"), bob.token());
        assertThat(api.get("/api/v1/me", alice.token()).json().get("displayName").asString()).isEqualTo("Alice");
        assertThat(jdbc.sql("select role from identity_users where id = " + alice.id()).query(String.class).single()).isEqualTo("member");
    }

    @Test
    void anonymousCallsAreUnauthorizedAndBadTokensAreRefused() {
        assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
        var bogus = api.get("/api/v1/me", "kz_not-a-real-token");
        assertThat(bogus.status()).isEqualTo(401);
        assertThat(bogus.contentType()).startsWith("application/problem+json");
    }

    @Test
    void revokedAndExpiredTokensStopWorking() {
        Member m = api.member("tokens@example.com", "Tokens");
        Member second = api.login("tokens@example.com", "correct-horse-1");
        var list = api.get("/api/v1/me/tokens", m.token()).json().get("items");
        assertThat(list).hasSize(2);
        String secondId = list.get(0).get("id").asString();
        assertThat(api.delete("/api/v1/me/tokens/" + secondId, null, m.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", second.token()).status()).isEqualTo(401);
        // expiry is checked by the database clock
        jdbc.sql("update identity_api_tokens set expires_at = now() - interval '1 second'").update();
        assertThat(api.get("/api/v1/me", m.token()).status()).isIn(200, 401);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
            .until(() -> api.get("/api/v1/me", m.token()).status() == 401);
    }

    @Test
    void ownerAndAdminChangeRolesWithinTheirPowers() {
        // given an owner (bootstrapped by SQL here), an admin and a member
        Member owner = api.member("owner@example.com", "Owner");
        jdbc.sql("update identity_users set role = 'owner' where id = " + owner.id()).update();
        Member admin = api.member("admin@example.com", "Admin");
        Member member = api.member("member@example.com", "Member");
        // when / then
        var promoted = api.patch("/api/v1/users/" + admin.id() + "/role", Map.of("role", "admin"), owner.token());
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        assertThat(promoted.json().get("role").asString()).isEqualTo("admin");
        assertThat(api.patch("/api/v1/users/" + member.id() + "/role", Map.of("role", "moderator"), admin.token()).status()).isEqualTo(200);
        assertThat(api.patch("/api/v1/users/" + member.id() + "/role", Map.of("role", "admin"), admin.token()).status()).isEqualTo(403);
        assertThat(api.patch("/api/v1/users/" + owner.id() + "/role", Map.of("role", "member"), admin.token()).status()).isEqualTo(403);
        assertThat(api.patch("/api/v1/users/" + member.id() + "/role", Map.of("role", "emperor"), owner.token()).status()).isEqualTo(400);
        assertThat(api.patch("/api/v1/users/99999/role", Map.of("role", "member"), owner.token()).status()).isEqualTo(404);
        assertThat(api.patch("/api/v1/users/" + owner.id() + "/role", Map.of("role", "member"), owner.token()).status()).isEqualTo(422);
        // the new role applies to the member's existing token at once
        assertThat(api.get("/api/v1/me", member.token()).json().get("role").asString()).isEqualTo("moderator");
        assertThat(api.get("/api/v1/users?limit=2", admin.token()).json().get("items")).hasSize(2);
        assertThat(api.get("/api/v1/users?limit=2", admin.token()).json().get("nextCursor").isString()).isTrue();
    }

    @Test
    void profileTakesNamesWithFuriganaAndRefusesNonKana() {
        Member m = api.member("profile@example.com", "Profile");
        var ok = api.patch("/api/v1/me", Map.of("displayName", "はなこ", "familyName", "山田", "givenName", "花子",
            "familyNameKana", "やまだ", "givenNameKana", "ハナコ"), m.token());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("familyNameKana").asString()).isEqualTo("やまだ");
        var bad = api.patch("/api/v1/me", Map.of("displayName", "はなこ", "familyNameKana", "Yamada"), m.token());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("familyNameKana");
        assertThat(api.get("/api/v1/me", m.token()).json().get("familyName").asString()).isEqualTo("山田");
    }

    @Test
    void changingThePasswordEndsEveryToken() {
        Member m = api.member("pw@example.com", "Pw");
        assertThat(api.post("/api/v1/me/password", Map.of("currentPassword", "wrong-one-1", "newPassword", "new-password-1"), m.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/me/password", Map.of("currentPassword", "correct-horse-1", "newPassword", "short"), m.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/me/password", Map.of("currentPassword", "correct-horse-1", "newPassword", "new-password-1"), m.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", m.token()).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/token", Map.of("email", "pw@example.com", "password", "new-password-1")).status()).isEqualTo(200);
    }

    private static Map<String, Object> body(String email, String password, String displayName) {
        var m = new HashMap<String, Object>();
        m.put("email", email);
        m.put("password", password);
        m.put("displayName", displayName);
        return m;
    }

    @Test
    void everyMemberGetsAFreeHandleNeverFromTheirAddressAndMayChangeIt() {
        var first = api.member("secret.name@example.com", "Taro Yamada");
        var second = api.member("other@example.org", "taro-yamada");
        var japanese = api.member("jp@example.net", "山田太郎");
        assertThat(api.get("/api/v1/me", first.token()).json().get("handle").asString()).isEqualTo("taro_yamada");
        assertThat(api.get("/api/v1/me", second.token()).json().get("handle").asString()).isEqualTo("taro_yamada2");
        assertThat(api.get("/api/v1/me", japanese.token()).json().get("handle").asString()).matches("member\\d{4}").doesNotContain("jp");

        for (var bad : new String[] {"ab", "has space", "日本語の名前", "a".repeat(21), "admin"}) {
            var r = api.patch("/api/v1/me", Map.of("displayName", "山田", "handle", bad), first.token());
            assertThat(r.status()).as(bad).isEqualTo(400);
        }
        var taken = api.patch("/api/v1/me", Map.of("displayName", "山田", "handle", "TARO_YAMADA2"), first.token());
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.body()).contains("handle");
        var changed = api.patch("/api/v1/me", Map.of("displayName", "山田", "handle", "yamada_t"), first.token());
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("handle").asString()).isEqualTo("yamada_t");
        assertThat(api.patch("/api/v1/me", Map.of("displayName", "山田2"), first.token()).json().get("handle").asString()).isEqualTo("yamada_t");
    }
}
