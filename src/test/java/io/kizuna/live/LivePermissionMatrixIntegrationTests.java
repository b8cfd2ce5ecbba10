package io.kizuna.live;

import static io.kizuna.live.LiveFixtures.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every path LivePolicy forbids, tried by someone it forbids, and the state left as it was. */
class LivePermissionMatrixIntegrationTests extends IntegrationTestBase {
    private static int n;
    private Member staff;
    private Member member;
    private Member other;
    private String sku;
    private String show;

    @BeforeEach
    void show() {
        n++;
        var admin = withRole("matrix-admin" + n + "@example.com", "admin");
        staff = withRole("matrix-mod" + n + "@example.com", "moderator");
        member = api.member("matrix-member" + n + "@example.com", "メンバー" + n);
        other = api.member("matrix-other" + n + "@example.com", "ほかの人" + n);
        sku = "MATRIX-" + n;
        LiveFixtures.product(api, admin.token(), sku, 1000, 10);
        show = LiveFixtures.started(api, staff.token(), "権限テスト", sku);
    }

    private long messages() {
        return jdbc.sql("select count(*) from live_messages where session_id = :s").param("s", Long.parseLong(show)).query(Long.class).single();
    }

    private String path(String rest) {
        return "/api/v1/live-sessions/" + show + rest;
    }

    @Test
    void membersCannotHost() {
        assertThat(api.post("/api/v1/live-sessions", LiveFixtures.show("勝手に", sku), member.token()).status()).isEqualTo(403);
        String scheduled = LiveFixtures.created(api, staff.token(), "予定", sku);
        assertThat(api.post("/api/v1/live-sessions/" + scheduled + "/start", null, member.token()).status()).isEqualTo(403);
        assertThat(api.post(path("/end"), null, member.token()).status()).isEqualTo(403);
        assertThat(api.post(path("/pins"), Map.of("sku", sku), member.token()).status()).isEqualTo(403);
        assertThat(api.put(path("/slow-mode"), Map.of("seconds", 30), member.token()).status()).isEqualTo(403);
        assertThat(api.put(path("/mutes/" + other.id()), null, member.token()).status()).isEqualTo(403);
        assertThat(api.get(path("/report"), member.token()).status()).isEqualTo(403);
        var view = api.get(path("")).json();
        assertThat(view.get("state").asString()).isEqualTo("live");
        assertThat(view.get("pinnedSku").isNull()).isTrue();
        assertThat(view.get("slowModeSeconds").asInt()).isZero();
        assertThat(api.get("/api/v1/live-sessions/" + scheduled).json().get("state").asString()).isEqualTo("scheduled");
        assertThat(chat(api, show, other.token(), "まだ話せます", "chat").status()).as("not muted").isEqualTo(201);
    }

    @Test
    void anonymousVisitorsWatchButNeitherPostNorReactNorBuy() {
        assertThat(api.get(path("")).status()).isEqualTo(200);
        assertThat(api.post(path("/messages"), Map.of("body", "こんにちは", "kind", "chat")).status()).isEqualTo(401);
        assertThat(api.post(path("/reactions"), Map.of("type", "heart")).status()).isEqualTo(401);
        assertThat(api.post(path("/orders"), LiveFixtures.order(sku, 1)).status()).isEqualTo(401);
        assertThat(api.raw("PUT", path("/reminder"), "application/json", "").status()).isEqualTo(401);
        assertThat(api.post("/api/v1/live-sessions", LiveFixtures.show("匿名", sku)).status()).isEqualTo(401);
        assertThat(messages()).isZero();
    }

    @Test
    void aMemberCannotMarkAnsweredNorDeleteAnotherMembersMessage() {
        String q = chat(api, show, other.token(), "送料は？", "question").json().get("id").asString();
        assertThat(api.post(path("/messages/" + q + "/answered"), null, member.token()).status()).isEqualTo(403);
        assertThat(api.delete(path("/messages/" + q), null, member.token()).status()).isEqualTo(403);
        assertThat(api.get(path("/messages")).json().get("items")).hasSize(1);
        assertThat(api.delete(path("/messages/" + q), null, other.token()).status()).as("one's own").isEqualTo(204);
    }

    @Test
    void mutedAndSuspendedMembersCannotPost() {
        assertThat(api.put(path("/mutes/" + member.id()), null, staff.token()).status()).isEqualTo(204);
        var muted = chat(api, show, member.token(), "聞こえますか", "chat");
        assertThat(muted.status()).isEqualTo(403);
        assertThat(muted.json().get("type").asString()).endsWith("muted");
        jdbc.sql("insert into moderation_sanctions (user_id, suspended_until) values (:u, now() + interval '1 day')")
            .param("u", Long.parseLong(other.id())).update();
        var suspended = chat(api, show, other.token(), "こんにちは", "chat");
        assertThat(suspended.status()).isEqualTo(403);
        assertThat(suspended.json().get("type").asString()).endsWith("suspended");
        assertThat(messages()).isZero();
        assertThat(api.put(path("/mutes/" + staff.id()), null, staff.token()).status()).as("staff are not muted").isEqualTo(422);
    }

    @Test
    void membersOnlyShowsAreNotFoundForVisitors() {
        var body = new HashMap<>(LiveFixtures.show("会員限定ライブ", sku));
        body.put("visibility", "members");
        String id = api.post("/api/v1/live-sessions", body, staff.token()).json().get("id").asString();
        assertThat(api.get("/api/v1/live-sessions/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/live-sessions/" + id + "/events").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/live-sessions").body()).doesNotContain("会員限定ライブ");
        assertThat(api.get("/api/v1/live-sessions/" + id, member.token()).status()).isEqualTo(200);
    }
}
