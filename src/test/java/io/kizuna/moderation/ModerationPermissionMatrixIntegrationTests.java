package io.kizuna.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every moderation endpoint against every kind of caller: anonymous, a member, the moderator of another space, the
 * moderator of the case's space, a global moderator and an admin.
 */
class ModerationPermissionMatrixIntegrationTests extends IntegrationTestBase {
    private static int run;
    private Member admin;
    private Member moderator;
    private Member member;
    private Member spaceMod;
    private Member otherSpaceMod;
    private Member author;
    private String post;
    private String thread;

    @BeforeEach
    void world() {
        run++;
        admin = withRole("admin-pm" + run + "@example.com", "admin");
        moderator = withRole("mod-pm" + run + "@example.com", "moderator");
        member = api.member("member-pm" + run + "@example.com", "Member");
        spaceMod = api.member("spacemod-pm" + run + "@example.com", "Space mod");
        otherSpaceMod = api.member("othermod-pm" + run + "@example.com", "Other mod");
        author = api.member("author-pm" + run + "@example.com", "Author");
        for (var slug : List.of("here-" + run, "there-" + run)) {
            api.post("/api/v1/spaces", Map.of("slug", slug, "name", slug, "visibility", "public"), admin.token());
        }
        grant(spaceMod, "here-" + run);
        grant(otherSpaceMod, "there-" + run);
        thread = api.post("/api/v1/spaces/here-" + run + "/threads", Map.of("title", "題", "body", "本文", "kind", "discussion"), member.token())
            .json().get("id").asString();
        post = api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "返信 " + run), author.token()).json().get("id").asString();
    }

    private void grant(Member who, String slug) {
        var r = api.post("/api/v1/moderation/grants", Map.of("userId", who.id(), "spaceSlug", slug, "role", "moderator"), admin.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    private String newCase(Member reporter) {
        var r = api.post("/api/v1/reports", Map.of("targetType", "post", "targetId", post, "reason", "spam"), reporter.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("caseId").asString();
    }

    private int status(String method, String path, Object body, Member who) {
        String token = who == null ? null : who.token();
        return switch (method) {
            case "GET" -> api.get(path, token).status();
            case "POST" -> api.post(path, body, token).status();
            case "PUT" -> api.put(path, body, token).status();
            case "DELETE" -> api.delete(path, body, token).status();
            default -> throw new IllegalArgumentException(method);
        };
    }

    /** Callers in order: anonymous, member, otherSpaceMod, spaceMod, moderator, admin. */
    private void expect(String method, String path, Object body, int... statuses) {
        var callers = new LinkedHashMap<String, Member>();
        callers.put("anonymous", null);
        callers.put("member", member);
        callers.put("otherSpaceMod", otherSpaceMod);
        callers.put("spaceMod", spaceMod);
        callers.put("moderator", moderator);
        callers.put("admin", admin);
        int i = 0;
        for (var e : callers.entrySet()) {
            assertThat(status(method, path, body, e.getValue())).as(method + " " + path + " as " + e.getKey()).isEqualTo(statuses[i++]);
        }
    }

    @Test
    void theQueueIsForModeratorsAndShowsScopedModeratorsOnlyTheirSpaces() {
        var c = newCase(member);
        expect("GET", "/api/v1/moderation/queue", null, 401, 403, 200, 200, 200, 200);
        assertThat(api.get("/api/v1/moderation/queue", otherSpaceMod.token()).json().get("items").findValuesAsString("id")).doesNotContain(c);
        assertThat(api.get("/api/v1/moderation/queue", spaceMod.token()).json().get("items").findValuesAsString("id")).contains(c);
        expect("GET", "/api/v1/moderation/reports/" + c, null, 401, 403, 403, 200, 200, 200);
        expect("GET", "/api/v1/moderation/members/" + author.id(), null, 401, 403, 200, 200, 200, 200);
    }

    @Test
    void aMembersHistoryShowsAScopedModeratorOnlyTheCasesAndActionsOfWhatTheyModerate() {
        var c = newCase(member);
        var warned = api.post("/api/v1/moderation/reports/" + c + "/actions", Map.of("action", "warn", "note", "ここでの注意"), spaceMod.token());
        assertThat(warned.status()).as(warned.toString()).isEqualTo(200);

        var seenHere = api.get("/api/v1/moderation/members/" + author.id(), spaceMod.token()).json();
        assertThat(seenHere.get("cases").findValuesAsString("id")).containsExactly(c);
        assertThat(seenHere.get("actions").findValuesAsString("action")).contains("warn");
        var seenByGlobal = api.get("/api/v1/moderation/members/" + author.id(), moderator.token()).json();
        assertThat(seenByGlobal.get("cases").findValuesAsString("id")).containsExactly(c);
        assertThat(seenByGlobal.get("actions").findValuesAsString("action")).contains("warn");

        var seenThere = api.get("/api/v1/moderation/members/" + author.id(), otherSpaceMod.token());
        assertThat(seenThere.status()).isEqualTo(200);
        assertThat(seenThere.json().get("cases")).isEmpty();
        assertThat(seenThere.json().get("actions")).isEmpty();
        assertThat(seenThere.body()).doesNotContain("返信").doesNotContain("ここでの注意");
    }

    @Test
    void aCaseFollowsItsThreadToAnotherSpace() {
        var c = newCase(member);
        var moved = api.post("/api/v1/threads/" + thread + "/move", Map.of("spaceSlug", "there-" + run), admin.token());
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        expect("GET", "/api/v1/moderation/reports/" + c, null, 401, 403, 200, 403, 200, 200);
        expect("POST", "/api/v1/moderation/reports/" + c + "/actions", Map.of("action", "hide"), 401, 403, 200, 403, 200, 200);
        // the first read of the case after the move moved it, so the queues follow too
        assertThat(api.get("/api/v1/moderation/queue", spaceMod.token()).json().get("items").findValuesAsString("id")).doesNotContain(c);
        assertThat(api.get("/api/v1/moderation/queue?status=all", otherSpaceMod.token()).json().get("items").findValuesAsString("id")).contains(c);
    }

    @Test
    void aScopedModeratorCannotTellASpaceOutsideTheirScopeFromAnUnknownOne() {
        var outside = api.get("/api/v1/moderation/queue?space=here-" + run, otherSpaceMod.token());
        var unknown = api.get("/api/v1/moderation/queue?space=nowhere-" + run, otherSpaceMod.token());
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.body()).isEqualTo(unknown.body().replace("nowhere-" + run, "here-" + run));
        assertThat(api.get("/api/v1/moderation/queue?space=there-" + run, otherSpaceMod.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/moderation/queue?space=here-" + run, moderator.token()).status()).isEqualTo(200);
    }

    @Test
    void actionsAreForModeratorsOfTheCasesSpace() {
        var c = newCase(member);
        expect("POST", "/api/v1/moderation/reports/" + c + "/actions", Map.of("action", "dismiss"), 401, 403, 403, 200, 200, 200);
        for (var action : List.of("hide", "restore", "warn", "suspend", "ban")) {
            Map<String, Object> body = action.equals("suspend") ? Map.of("action", action, "days", 1) : Map.of("action", action);
            assertThat(status("POST", "/api/v1/moderation/reports/" + c + "/actions", body, member)).as(action + " as member").isEqualTo(403);
            assertThat(status("POST", "/api/v1/moderation/reports/" + c + "/actions", body, otherSpaceMod)).as(action + " in another space").isEqualTo(403);
        }
    }

    @Test
    void reportingIsForSignedInMembers() {
        assertThat(status("POST", "/api/v1/reports", Map.of("targetType", "post", "targetId", post, "reason", "spam"), null)).isEqualTo(401);
        assertThat(status("POST", "/api/v1/reports", Map.of("targetType", "post", "targetId", post, "reason", "spam"), member)).isEqualTo(201);
        expect("GET", "/api/v1/me/moderation", null, 401, 200, 200, 200, 200, 200);
    }

    @Test
    void appealsAreDecidedByModeratorsOfTheCaseOtherThanTheActingOne() {
        var c = newCase(member);
        assertThat(status("POST", "/api/v1/moderation/reports/" + c + "/actions", Map.of("action", "warn"), moderator)).isEqualTo(200);
        var action = api.get("/api/v1/me/moderation", author.token()).json().get("items").get(0).get("id").asString();
        var appeal = api.post("/api/v1/moderation/appeals", Map.of("actionId", action, "body", "異議"), author.token()).json().get("id").asString();
        expect("GET", "/api/v1/moderation/appeals", null, 401, 403, 200, 200, 200, 200);
        assertThat(status("GET", "/api/v1/moderation/appeals/" + appeal, null, member)).isEqualTo(404);
        assertThat(status("GET", "/api/v1/moderation/appeals/" + appeal, null, author)).isEqualTo(200);
        var decide = "/api/v1/moderation/appeals/" + appeal + "/decision";
        assertThat(status("POST", decide, Map.of("outcome", "uphold"), null)).isEqualTo(401);
        assertThat(status("POST", decide, Map.of("outcome", "uphold"), member)).isEqualTo(403);
        assertThat(status("POST", decide, Map.of("outcome", "uphold"), author)).isEqualTo(403);
        assertThat(status("POST", decide, Map.of("outcome", "uphold"), otherSpaceMod)).isEqualTo(403);
        assertThat(status("POST", decide, Map.of("outcome", "uphold"), moderator)).isEqualTo(403);
        assertThat(status("POST", decide, Map.of("outcome", "uphold"), spaceMod)).isEqualTo(200);
    }

    @Test
    void theAuditLogIsForGlobalModerators() {
        expect("GET", "/api/v1/moderation/audit", null, 401, 403, 403, 403, 200, 200);
        expect("GET", "/api/v1/moderation/audit.csv", null, 401, 403, 403, 403, 200, 200);
        expect("GET", "/api/v1/moderation/routes", null, 401, 403, 403, 403, 200, 200);
    }

    @Test
    void settingsAreForOwnersAndAdmins() {
        expect("PUT", "/api/v1/moderation/routes/support-" + run, Map.of("name", "サポート", "staffIds", List.of()), 401, 403, 403, 403, 403, 200);
        expect("DELETE", "/api/v1/moderation/routes/support-" + run, null, 401, 403, 403, 403, 403, 204);
        expect("GET", "/api/v1/moderation/grants", null, 401, 403, 403, 403, 403, 200);
        var g = Map.of("userId", member.id(), "spaceSlug", "here-" + run, "role", "ambassador");
        expect("POST", "/api/v1/moderation/grants", g, 401, 403, 403, 403, 403, 201);
        expect("DELETE", "/api/v1/moderation/grants", g, 401, 403, 403, 403, 403, 204);
        expect("GET", "/api/v1/moderation/banned-words", null, 401, 403, 403, 403, 403, 200);
        expect("POST", "/api/v1/moderation/banned-words", Map.of("word", "禁止" + run, "action", "hold"), 401, 403, 403, 403, 403, 201);
        var word = api.get("/api/v1/moderation/banned-words", admin.token()).json().get("items").get(0).get("id").asString();
        expect("DELETE", "/api/v1/moderation/banned-words/" + word, null, 401, 403, 403, 403, 403, 204);
        expect("POST", "/api/v1/guidelines", Map.of("body", "ルール " + run, "material", false), 401, 403, 403, 403, 403, 201);
        expect("GET", "/api/v1/guidelines", null, 200, 200, 200, 200, 200, 200);
    }

    @Test
    void trustLevelsAreReadAndOverriddenByGlobalModeratorsAndConfiguredByAdmins() {
        var m = "/api/v1/moderation/trust/members/" + author.id();
        expect("GET", "/api/v1/me/trust", null, 401, 200, 200, 200, 200, 200);
        expect("GET", m, null, 401, 403, 403, 403, 200, 200);
        expect("PUT", m + "/override", Map.of("level", 1), 401, 403, 403, 403, 200, 200);
        expect("POST", m + "/recompute", null, 401, 403, 403, 403, 200, 200);
        expect("POST", "/api/v1/moderation/trust/recompute", null, 401, 403, 403, 403, 403, 202);
        var levels = api.get("/api/v1/moderation/trust/thresholds", admin.token()).json().get("levels");
        expect("GET", "/api/v1/moderation/trust/thresholds", null, 401, 403, 403, 403, 200, 200);
        expect("PUT", "/api/v1/moderation/trust/thresholds", Map.of("levels", levels), 401, 403, 403, 403, 403, 200);
        expect("GET", "/api/v1/moderation/options", null, 401, 403, 403, 403, 200, 200);
        expect("PUT", "/api/v1/moderation/options", Map.of(), 401, 403, 403, 403, 403, 200);
        // a refused override changed nothing
        assertThat(api.get(m, admin.token()).json().get("overrideLevel").asInt()).isEqualTo(1);
    }

    @Test
    void communityHealthIsForGlobalModerators() {
        expect("GET", "/api/v1/moderation/health/bias", null, 401, 403, 403, 403, 200, 200);
        expect("GET", "/api/v1/moderation/health/quiet", null, 401, 403, 403, 403, 200, 200);
    }

    @Test
    void welcomingIsForAmbassadorsAndTheModeratorsOfTheSpace() {
        // the author's reply is their first post; the first welcome wins, later ones are 409
        expect("GET", "/api/v1/moderation/welcome", null, 401, 403, 200, 200, 200, 200);
        expect("POST", "/api/v1/moderation/welcome/" + post, Map.of(), 401, 403, 403, 201, 409, 409);
        assertThat(api.get("/api/v1/moderation/welcome", otherSpaceMod.token()).json().get("items").findValuesAsString("postId")).doesNotContain(post);
    }

    @Test
    void theStaffPagesFollowTheSameRules() {
        assertThat(api.get("/moderation/settings", member.token()).status()).isEqualTo(403);
        assertThat(api.get("/moderation/settings", moderator.token()).status()).isEqualTo(403);
        assertThat(api.get("/moderation/settings", admin.token()).status()).isEqualTo(200);
        assertThat(api.get("/moderation/health", member.token()).status()).isEqualTo(403);
        assertThat(api.get("/moderation/health", spaceMod.token()).status()).isEqualTo(403);
        assertThat(api.get("/moderation/health", moderator.token()).status()).isEqualTo(200);
        assertThat(api.get("/moderation/welcome", member.token()).status()).isEqualTo(403);
        assertThat(api.get("/moderation/welcome", spaceMod.token()).status()).isEqualTo(200);
        assertThat(api.get("/moderation/members/" + author.id(), member.token()).status()).isEqualTo(403);
        assertThat(api.get("/moderation/members/" + author.id(), moderator.token()).body()).contains("TL0");
    }
}
