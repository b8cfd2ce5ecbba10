package io.kizuna.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delegated powers: ambassadors (the role, a per-space grant, trust level 4) pin, close off-topic threads and welcome
 * newcomers and nothing more; trust level 3 retitles and moves threads between public spaces; per-space moderators
 * lock in their space only; every such action is in the audit log.
 */
class DelegatedPowersIntegrationTests extends IntegrationTestBase {
    private static int run;
    private Member admin;
    private Member moderator;
    private Member ambassador;
    private Member member;
    private Member author;
    private String here;
    private String there;
    private String lounge;
    private String thread;

    @BeforeEach
    void world() {
        run++;
        admin = withRole("admin-dp" + run + "@example.com", "admin");
        moderator = withRole("mod-dp" + run + "@example.com", "moderator");
        ambassador = withRole("amb-dp" + run + "@example.com", "ambassador");
        member = api.member("member-dp" + run + "@example.com", "Member");
        author = api.member("author-dp" + run + "@example.com", "Author");
        here = "here-dp" + run;
        there = "there-dp" + run;
        lounge = "lounge-dp" + run;
        api.post("/api/v1/spaces", Map.of("slug", here, "name", "Here", "visibility", "public"), admin.token());
        api.post("/api/v1/spaces", Map.of("slug", there, "name", "There", "visibility", "public"), admin.token());
        api.post("/api/v1/spaces", Map.of("slug", lounge, "name", "Lounge", "visibility", "members"), admin.token());
        thread = api.post("/api/v1/spaces/" + here + "/threads", Map.of("title", "元の題", "body", "本文です", "kind", "idea"), author.token())
            .json().get("id").asString();
    }

    private int status(String method, String path, Object body, Member who) {
        return switch (method) {
            case "POST" -> api.post(path, body, who.token()).status();
            case "PUT" -> api.put(path, body, who.token()).status();
            default -> api.get(path, who.token()).status();
        };
    }

    private void override(Member who, int level) {
        assertThat(api.put("/api/v1/moderation/trust/members/" + who.id() + "/override", Map.of("level", level), moderator.token()).status()).isEqualTo(200);
    }

    @Test
    void anAmbassadorPinsAndClosesOffTopicThreadsButHasNoOtherPowers() {
        // pin and close as off-topic
        assertThat(status("POST", "/api/v1/threads/" + thread + "/pin", Map.of("value", true), ambassador)).isEqualTo(200);
        var closed = api.post("/api/v1/threads/" + thread + "/close", Map.of("reason", "off_topic"), ambassador.token());
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().get("locked").asBoolean()).isTrue();
        assertThat(closed.json().get("closedReason").asString()).isEqualTo("off_topic");
        // but not unlock, move, retitle someone else's thread, set idea statuses, or any moderation endpoint
        assertThat(status("POST", "/api/v1/threads/" + thread + "/lock", Map.of("value", false), ambassador)).isEqualTo(403);
        assertThat(status("POST", "/api/v1/threads/" + thread + "/move", Map.of("spaceSlug", there), ambassador)).isEqualTo(403);
        assertThat(status("PUT", "/api/v1/threads/" + thread + "/title", Map.of("title", "新しい題"), ambassador)).isEqualTo(403);
        assertThat(status("POST", "/api/v1/threads/" + thread + "/status", Map.of("status", "planned"), ambassador)).isEqualTo(403);
        for (var path : new String[] {"/api/v1/moderation/queue", "/api/v1/moderation/audit", "/api/v1/moderation/health/bias",
            "/api/v1/moderation/trust/members/" + member.id(), "/api/v1/moderation/appeals"}) {
            assertThat(status("GET", path, null, ambassador)).as(path).isEqualTo(403);
        }
        // a bad reason is a 400 and changes nothing
        var other = api.post("/api/v1/spaces/" + here + "/threads", Map.of("title", "別の題", "body", "本文", "kind", "discussion"), author.token())
            .json().get("id").asString();
        assertThat(status("POST", "/api/v1/threads/" + other + "/close", Map.of("reason", "boring"), ambassador)).isEqualTo(400);
        assertThat(api.get("/api/v1/threads/" + other).json().get("locked").asBoolean()).isFalse();
        // and each action is in the audit log with who did it
        var audit = api.get("/api/v1/moderation/audit?actor=" + ambassador.id(), admin.token()).json().get("items");
        assertThat(audit.findValuesAsString("action")).containsExactly("thread.close", "thread.pin");
        assertThat(audit.get(0).get("subjectId").asString()).isEqualTo(author.id());
    }

    @Test
    void aMemberHasNoneOfThesePowers() {
        assertThat(status("POST", "/api/v1/threads/" + thread + "/pin", Map.of("value", true), member)).isEqualTo(403);
        assertThat(status("POST", "/api/v1/threads/" + thread + "/close", Map.of("reason", "off_topic"), member)).isEqualTo(403);
        assertThat(status("POST", "/api/v1/threads/" + thread + "/lock", Map.of("value", true), member)).isEqualTo(403);
        assertThat(status("POST", "/api/v1/threads/" + thread + "/move", Map.of("spaceSlug", there), member)).isEqualTo(403);
        assertThat(status("PUT", "/api/v1/threads/" + thread + "/title", Map.of("title", "乗っ取り"), member)).isEqualTo(403);
        assertThat(status("GET", "/api/v1/moderation/welcome", null, member)).isEqualTo(403);
        var t = api.get("/api/v1/threads/" + thread).json();
        assertThat(t.get("pinned").asBoolean()).isFalse();
        assertThat(t.get("title").asString()).isEqualTo("元の題");
        // the author may retitle their own thread
        assertThat(status("PUT", "/api/v1/threads/" + thread + "/title", Map.of("title", "自分で直した題"), author)).isEqualTo(200);
    }

    @Test
    void aPerSpaceAmbassadorActsOnlyInTheirSpace() {
        assertThat(api.post("/api/v1/moderation/grants", Map.of("userId", member.id(), "spaceSlug", here, "role", "ambassador"), admin.token()).status())
            .isEqualTo(201);
        var elsewhere = api.post("/api/v1/spaces/" + there + "/threads", Map.of("title", "よそ", "body", "本文", "kind", "discussion"), author.token())
            .json().get("id").asString();
        assertThat(status("POST", "/api/v1/threads/" + thread + "/pin", Map.of("value", true), member)).isEqualTo(200);
        assertThat(status("POST", "/api/v1/threads/" + elsewhere + "/pin", Map.of("value", true), member)).isEqualTo(403);
        assertThat(api.get("/api/v1/threads/" + elsewhere).json().get("pinned").asBoolean()).isFalse();
    }

    @Test
    void aPerSpaceModeratorLocksOnlyInTheirSpace() {
        api.post("/api/v1/moderation/grants", Map.of("userId", member.id(), "spaceSlug", here, "role", "moderator"), admin.token());
        var elsewhere = api.post("/api/v1/spaces/" + there + "/threads", Map.of("title", "よそ", "body", "本文", "kind", "discussion"), author.token())
            .json().get("id").asString();
        assertThat(status("POST", "/api/v1/threads/" + thread + "/lock", Map.of("value", true), member)).isEqualTo(200);
        assertThat(status("POST", "/api/v1/threads/" + elsewhere + "/lock", Map.of("value", true), member)).isEqualTo(403);
    }

    @Test
    void trustLevelThreeRetitlesAndMovesBetweenPublicSpacesOnly() {
        // level 2 may not
        override(member, 2);
        assertThat(status("PUT", "/api/v1/threads/" + thread + "/title", Map.of("title", "わかりやすい題"), member)).isEqualTo(403);
        // level 3 may, in public spaces
        override(member, 3);
        var retitled = api.put("/api/v1/threads/" + thread + "/title", Map.of("title", "わかりやすい題"), member.token());
        assertThat(retitled.status()).isEqualTo(200);
        assertThat(retitled.json().get("title").asString()).isEqualTo("わかりやすい題");
        assertThat(status("POST", "/api/v1/threads/" + thread + "/move", Map.of("spaceSlug", there), member)).isEqualTo(200);
        assertThat(api.get("/api/v1/threads/" + thread).json().get("spaceSlug").asString()).isEqualTo(there);
        // but not into a members-only space, nor retitle there, nor pin
        assertThat(status("POST", "/api/v1/threads/" + thread + "/move", Map.of("spaceSlug", lounge), member)).isEqualTo(403);
        var inside = api.post("/api/v1/spaces/" + lounge + "/threads", Map.of("title", "内輪", "body", "本文", "kind", "discussion"), author.token())
            .json().get("id").asString();
        assertThat(status("PUT", "/api/v1/threads/" + inside + "/title", Map.of("title", "変更"), member)).isEqualTo(403);
        assertThat(status("POST", "/api/v1/threads/" + thread + "/pin", Map.of("value", true), member)).isEqualTo(403);
        // an empty title is a 400
        assertThat(status("PUT", "/api/v1/threads/" + thread + "/title", Map.of("title", " "), member)).isEqualTo(400);
        var audit = api.get("/api/v1/moderation/audit?actor=" + member.id(), admin.token()).json().get("items");
        assertThat(audit.findValuesAsString("action")).containsExactly("thread.move", "thread.retitle");
    }

    @Test
    void trustLevelFourHasTheAmbassadorTools() {
        override(member, 4);
        assertThat(status("POST", "/api/v1/threads/" + thread + "/pin", Map.of("value", true), member)).isEqualTo(200);
        assertThat(status("GET", "/api/v1/moderation/welcome", null, member)).isEqualTo(200);
        assertThat(status("POST", "/api/v1/threads/" + thread + "/lock", Map.of("value", true), member)).isEqualTo(403);
    }

    @Test
    void aSuspendedAmbassadorCannotUseTheirPowers() {
        var c = api.post("/api/v1/reports", Map.of("targetType", "member", "targetId", ambassador.id(), "reason", "other"), member.token())
            .json().get("caseId").asString();
        assertThat(api.post("/api/v1/moderation/reports/" + c + "/actions", Map.of("action", "suspend", "days", 1), moderator.token()).status()).isEqualTo(200);
        var r = api.post("/api/v1/threads/" + thread + "/pin", Map.of("value", true), ambassador.token());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("type").asString()).endsWith("suspended");
        assertThat(api.get("/api/v1/threads/" + thread).json().get("pinned").asBoolean()).isFalse();
    }

    @Test
    void anAmbassadorWelcomesANewcomersFirstPostOnce() {
        // given a newcomer's first post (a reply) and a second one
        var newcomer = api.member("new-dp" + run + "@example.com", "新人さん");
        String first = api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "はじめまして！"), newcomer.token()).json().get("id").asString();
        String second = api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "二回目です"), newcomer.token()).json().get("id").asString();
        // then the welcome list has the first one only
        var list = api.get("/api/v1/moderation/welcome", ambassador.token()).json().get("items");
        assertThat(list.findValuesAsString("postId")).contains(first).doesNotContain(second);
        // when the ambassador welcomes it with the standard greeting
        var welcome = api.post("/api/v1/moderation/welcome/" + first, Map.of(), ambassador.token());
        assertThat(welcome.status()).isEqualTo(201);
        assertThat(welcome.json().get("body").asString()).contains("新人さんさん、ようこそ");
        assertThat(welcome.json().get("replyToPostId").asString()).isEqualTo(first);
        // then it leaves the list, cannot be welcomed twice, a later post is not a first post, and the newcomer is told
        assertThat(api.get("/api/v1/moderation/welcome", ambassador.token()).json().get("items").findValuesAsString("postId")).doesNotContain(first);
        assertThat(api.post("/api/v1/moderation/welcome/" + first, Map.of("message", "もう一度"), moderator.token()).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/moderation/welcome/" + second, Map.of(), ambassador.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/moderation/welcome/" + first, Map.of(), member.token()).status()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/me/notifications", newcomer.token()).json().get("items").toString()
            .contains(welcome.json().get("id").asString()));
        var audit = api.get("/api/v1/moderation/audit?action=welcome", admin.token()).json().get("items");
        assertThat(audit.get(0).get("actorId").asString()).isEqualTo(ambassador.id());
        assertThat(audit.get(0).get("subjectId").asString()).isEqualTo(newcomer.id());
    }
}
