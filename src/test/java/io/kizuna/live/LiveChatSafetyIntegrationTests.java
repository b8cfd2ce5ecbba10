package io.kizuna.live;

import static io.kizuna.live.LiveFixtures.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Slow mode, mutes, deleting for everyone, banned words and flooding in the show's chat. */
class LiveChatSafetyIntegrationTests extends IntegrationTestBase {
    private static int n;
    private Member staff;
    private Member member;
    private String show;

    @DynamicPropertySource
    static void flood(DynamicPropertyRegistry registry) {
        registry.add("kizuna.live.messages-per-minute", () -> "5");
    }

    @BeforeEach
    void show() {
        n++;
        staff = withRole("safety-admin" + n + "@example.com", "admin");
        member = api.member("safety-member" + n + "@example.com", "メンバー" + n);
        String sku = "SAFE-" + n;
        LiveFixtures.product(api, staff.token(), sku, 1000, 10);
        show = LiveFixtures.started(api, staff.token(), "安全テスト", sku);
    }

    private String events() {
        return "http://127.0.0.1:" + port + "/api/v1/live-sessions/" + show + "/events";
    }

    @Test
    void slowModeLetsAMemberPostOncePerIntervalButNotTheHost() throws Exception {
        try (var sse = new SseClient(events(), null, null)) {
            assertThat(api.put("/api/v1/live-sessions/" + show + "/slow-mode", Map.of("seconds", 30), staff.token()).status()).isEqualTo(200);
            assertThat(sse.await(e -> e.name().equals("state") && e.data().contains("\"slowModeSeconds\":30")).id()).isNotNull();
        }
        assertThat(chat(api, show, member.token(), "一回目", "chat").status()).isEqualTo(201);
        var second = chat(api, show, member.token(), "二回目", "chat");
        assertThat(second.status()).isEqualTo(429);
        assertThat(Integer.parseInt(second.header("Retry-After"))).isBetween(1, 30);
        assertThat(chat(api, show, staff.token(), "ホストは何度でも", "chat").status()).isEqualTo(201);
        assertThat(chat(api, show, staff.token(), "もう一度", "chat").status()).isEqualTo(201);
        assertThat(api.put("/api/v1/live-sessions/" + show + "/slow-mode", Map.of("seconds", 0), staff.token()).status()).isEqualTo(200);
        assertThat(chat(api, show, member.token(), "解除後", "chat").status()).isEqualTo(201);
        assertThat(api.put("/api/v1/live-sessions/" + show + "/slow-mode", Map.of("seconds", 99999), staff.token()).status()).isEqualTo(400);
    }

    @Test
    void aMutedMemberIsRefusedUntilTheMuteIsLifted() {
        api.put("/api/v1/live-sessions/" + show + "/mutes/" + member.id(), null, staff.token());
        assertThat(chat(api, show, member.token(), "ミュート中", "chat").status()).isEqualTo(403);
        api.delete("/api/v1/live-sessions/" + show + "/mutes/" + member.id(), null, staff.token());
        assertThat(chat(api, show, member.token(), "戻りました", "chat").status()).isEqualTo(201);
    }

    @Test
    void staffDeleteAMessageForEveryoneAndLaterListenersNeverSeeIt() throws Exception {
        String id;
        try (var sse = new SseClient(events(), null, null)) {
            id = chat(api, show, member.token(), "消される発言", "chat").json().get("id").asString();
            sse.await("message");
            assertThat(api.delete("/api/v1/live-sessions/" + show + "/messages/" + id, null, staff.token()).status()).isEqualTo(204);
            assertThat(sse.await("delete").data()).contains(id);
        }
        try (var later = new SseClient(events(), null, null)) {
            later.await("viewers");
            assertThat(later.seen()).noneMatch(e -> e.data().contains("消される発言"));
        }
        assertThat(api.get("/api/v1/live-sessions/" + show + "/messages").body()).doesNotContain("消される発言");
        assertThat(jdbc.sql("select count(*) from live_events where payload like '%消される発言%'").query(Long.class).single()).isZero();
    }

    @Test
    void aReportedMessageThatModeratorsHideLeavesTheChatForEveryone() throws Exception {
        var reporter = api.member("safety-reporter" + n + "@example.com", "通報者" + n);
        String id = chat(api, show, member.token(), "宣伝です", "chat").json().get("id").asString();
        var report = api.post("/api/v1/reports", Map.of("targetType", "live-message", "targetId", id, "reason", "spam"), reporter.token());
        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        try (var sse = new SseClient(events(), null, null)) {
            var hide = api.post("/api/v1/moderation/reports/" + report.json().get("caseId").asString() + "/actions", Map.of("action", "hide"),
                staff.token());
            assertThat(hide.status()).as(hide.toString()).isEqualTo(200);
            assertThat(sse.await("delete").data()).contains(id);
        }
        assertThat(api.get("/api/v1/live-sessions/" + show + "/messages").body()).doesNotContain("宣伝です");
    }

    @Test
    void bannedWordsFromTrustAndSafetyAreRefusedInTheChat() {
        api.post("/api/v1/moderation/banned-words", Map.of("word", "禁止語" + n, "action", "refuse", "message", "その言葉は使えません"), staff.token());
        var r = chat(api, show, member.token(), "これは禁止語" + n + "です", "chat");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("type").asString()).endsWith("banned-word");
        assertThat(api.get("/api/v1/live-sessions/" + show + "/messages").json().get("items")).isEmpty();
    }

    @Test
    void floodingIsRefusedWithRetryAfter() {
        for (int i = 0; i < 5; i++) assertThat(chat(api, show, member.token(), "連投" + i, "chat").status()).isEqualTo(201);
        var flood = chat(api, show, member.token(), "連投5", "chat");
        assertThat(flood.status()).isEqualTo(429);
        assertThat(flood.header("Retry-After")).isNotNull();
        assertThat(flood.contentType()).startsWith("application/problem+json");
    }
}
