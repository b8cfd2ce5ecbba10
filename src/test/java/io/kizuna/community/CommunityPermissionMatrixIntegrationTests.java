package io.kizuna.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api;
import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every community endpoint against every kind of caller: anonymous, a member, an outsider to the private space,
 * the author, a moderator and an admin. Private content is 404 to those who may not see it.
 */
class CommunityPermissionMatrixIntegrationTests extends IntegrationTestBase {
    private static int run;
    private Member admin;
    private Member moderator;
    private Member author;
    private Member insider;
    private Member outsider;
    private String priv;
    private String thread;
    private String post;
    private String reply;

    @BeforeEach
    void world() {
        run++;
        admin = withRole("admin-m" + run + "@example.com", "admin");
        moderator = withRole("mod-m" + run + "@example.com", "moderator");
        author = api.member("author-m" + run + "@example.com", "Author");
        insider = api.member("insider-m" + run + "@example.com", "Insider");
        outsider = api.member("outsider-m" + run + "@example.com", "Outsider");
        priv = "private-" + run;
        api.post("/api/v1/spaces", Map.of("slug", priv, "name", "Private", "visibility", "private"), admin.token());
        api.post("/api/v1/spaces", Map.of("slug", "members-" + run, "name", "Members", "visibility", "members"), admin.token());
        api.post("/api/v1/spaces", Map.of("slug", "public-" + run, "name", "Public", "visibility", "public"), admin.token());
        for (var m : new Member[] {author, insider}) {
            assertThat(api.post("/api/v1/spaces/" + priv + "/members", Map.of("userId", m.id()), moderator.token()).status()).isEqualTo(201);
        }
        var t = api.post("/api/v1/spaces/" + priv + "/threads", Map.of("title", "秘密の質問", "body", "本文", "kind", "question"), author.token());
        thread = t.json().get("id").asString();
        post = api.get("/api/v1/threads/" + thread + "/posts", author.token()).json().get("items").get(0).get("id").asString();
        reply = api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "回答"), insider.token()).json().get("id").asString();
    }

    private int status(String method, String path, Object body, Member who) {
        return switch (method) {
            case "GET" -> api.get(path, who == null ? null : who.token()).status();
            case "POST" -> api.post(path, body, who == null ? null : who.token()).status();
            case "DELETE" -> api.delete(path, body, who == null ? null : who.token()).status();
            case "PUT" -> {
                var b = HttpRequest.newBuilder(api.uri(path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(Api.json(body)));
                if (who != null) b.header("Authorization", "Bearer " + who.token());
                yield api.request(b).status();
            }
            default -> throw new IllegalArgumentException(method);
        };
    }

    private void expect(String method, String path, Object body, Map<String, Integer> byCaller) {
        var callers = new LinkedHashMap<String, Member>();
        callers.put("anonymous", null);
        callers.put("outsider", outsider);
        callers.put("insider", insider);
        callers.put("author", author);
        callers.put("moderator", moderator);
        callers.put("admin", admin);
        byCaller.forEach((who, expected) ->
            assertThat(status(method, path, body, callers.get(who))).as(method + " " + path + " as " + who).isEqualTo(expected));
    }

    @Test
    void aPostInASpaceOneMayNotSeeAnswersLikeAPostThatDoesNotExist() {
        String missing = "9" + reply + "9999";
        for (String[] call : new String[][] {{"PUT", "/api/v1/posts/%s"}, {"DELETE", "/api/v1/posts/%s"},
                {"POST", "/api/v1/posts/%s/reactions"}, {"POST", "/api/v1/moderation/welcome/%s"}}) {
            Object body = call[1].endsWith("reactions") ? Map.of("type", "like") : Map.of("body", "書き換え");
            for (String id : new String[] {post, reply}) {
                var hidden = api.request(call[0], call[1].formatted(id), body, outsider.token());
                var absent = api.request(call[0], call[1].formatted(missing), body, outsider.token());
                assertThat(hidden.status()).as(call[0] + " " + call[1] + " " + id).isEqualTo(404);
                assertThat(hidden.json().get("detail")).as(call[0] + " " + call[1]).isEqualTo(absent.json().get("detail"));
            }
        }
        assertThat(api.get("/api/v1/threads/" + thread + "/posts", insider.token()).body()).contains("回答").doesNotContain("書き換え");
    }

    @Test
    void readingAPrivateSpaceIs404ForThoseOutsideIt() {
        for (var path : new String[] {"/api/v1/spaces/" + priv, "/api/v1/spaces/" + priv + "/threads", "/api/v1/threads/" + thread,
            "/api/v1/threads/" + thread + "/posts"}) {
            expect("GET", path, null, Map.of("anonymous", 404, "outsider", 404, "insider", 200, "author", 200, "moderator", 200, "admin", 200));
        }
        expect("GET", "/api/v1/spaces/members-" + run, null, Map.of("anonymous", 404, "outsider", 200));
        expect("GET", "/api/v1/spaces/public-" + run, null, Map.of("anonymous", 200, "outsider", 200));
    }

    @Test
    void spaceListsShowOnlyWhatTheCallerMaySee() {
        assertThat(api.get("/api/v1/spaces").body()).contains("public-" + run).doesNotContain("members-" + run).doesNotContain(priv);
        assertThat(api.get("/api/v1/spaces", outsider.token()).body()).contains("members-" + run).doesNotContain(priv);
        assertThat(api.get("/api/v1/spaces", insider.token()).body()).contains(priv);
        assertThat(api.get("/api/v1/spaces", moderator.token()).body()).contains(priv);
    }

    @Test
    void creatingSpacesAndAddingMembersIsForStaff() {
        expect("POST", "/api/v1/spaces", Map.of("slug", "new-" + run, "name", "New", "visibility", "public"),
            Map.of("anonymous", 401, "insider", 403, "moderator", 403));
        assertThat(status("POST", "/api/v1/spaces", Map.of("slug", "new-" + run, "name", "New", "visibility", "public"), admin)).isEqualTo(201);
        expect("POST", "/api/v1/spaces/" + priv + "/members", Map.of("userId", outsider.id()), Map.of("anonymous", 401, "outsider", 403, "insider", 403));
        assertThat(status("POST", "/api/v1/spaces/" + priv + "/members", Map.of("userId", outsider.id()), admin)).isEqualTo(201);
        assertThat(status("POST", "/api/v1/spaces/" + priv + "/members", Map.of("userId", outsider.id()), admin)).isEqualTo(409);
    }

    @Test
    void writingInAPrivateSpaceNeedsMembership() {
        expect("POST", "/api/v1/spaces/" + priv + "/threads", Map.of("title", "t", "body", "b", "kind", "discussion"),
            Map.of("anonymous", 401, "outsider", 404, "insider", 201, "moderator", 201));
        expect("POST", "/api/v1/spaces/" + priv + "/threads", Map.of("title", "t", "body", "b", "kind", "announcement"),
            Map.of("insider", 403, "moderator", 201));
        expect("POST", "/api/v1/threads/" + thread + "/posts", Map.of("body", "返信"), Map.of("anonymous", 401, "outsider", 404, "insider", 201));
        expect("POST", "/api/v1/posts/" + post + "/reactions", Map.of("type", "like"), Map.of("anonymous", 401, "outsider", 404, "insider", 200));
        expect("POST", "/api/v1/markdown/preview", Map.of("body", "**x**"), Map.of("anonymous", 401, "outsider", 200));
    }

    @Test
    void editingAndDeletingIsForTheAuthorAndStaff() {
        expect("PUT", "/api/v1/posts/" + post, Map.of("body", "直した"),
            Map.of("anonymous", 401, "outsider", 404, "insider", 403, "author", 200, "moderator", 200, "admin", 200));
        expect("DELETE", "/api/v1/posts/" + reply, null, Map.of("anonymous", 401, "outsider", 404, "author", 403));
        assertThat(status("DELETE", "/api/v1/posts/" + reply, null, insider)).isEqualTo(204);
        assertThat(count("community_posts where deleted_at is null and id = " + reply)).isZero();
    }

    @Test
    void acceptingIsForTheAskerAndStaff() {
        expect("POST", "/api/v1/threads/" + thread + "/accepted-answer", Map.of("postId", reply),
            Map.of("anonymous", 401, "outsider", 404, "insider", 403, "author", 200, "moderator", 200));
    }

    @Test
    void pollsFollowTheThreadsVisibilityAndOnlyTheAuthorOrStaffAddOne() {
        var poll = Map.of("question", "どちら？", "options", java.util.List.of("A", "B"));
        expect("POST", "/api/v1/threads/" + thread + "/poll", poll, Map.of("anonymous", 401, "outsider", 404, "insider", 403, "author", 201));
        expect("GET", "/api/v1/threads/" + thread + "/poll", null,
            Map.of("anonymous", 404, "outsider", 404, "insider", 200, "author", 200, "moderator", 200, "admin", 200));
        String option = api.get("/api/v1/threads/" + thread + "/poll", author.token()).json().get("options").get(0).get("id").asString();
        expect("POST", "/api/v1/threads/" + thread + "/poll/votes", Map.of("optionIds", java.util.List.of(option)),
            Map.of("anonymous", 401, "outsider", 404, "insider", 200, "moderator", 200));
        expect("DELETE", "/api/v1/threads/" + thread + "/poll/votes", null, Map.of("anonymous", 401, "outsider", 404, "insider", 200));
    }

    @Test
    void staffActionsAreForStaff() {
        expect("POST", "/api/v1/threads/" + thread + "/lock", Map.of("value", true),
            Map.of("anonymous", 401, "outsider", 404, "insider", 403, "author", 403, "moderator", 200, "admin", 200));
        expect("POST", "/api/v1/threads/" + thread + "/pin", Map.of("value", true),
            Map.of("anonymous", 401, "outsider", 404, "insider", 403, "author", 403, "moderator", 200));
        expect("POST", "/api/v1/threads/" + thread + "/move", Map.of("spaceSlug", "public-" + run),
            Map.of("anonymous", 401, "outsider", 404, "insider", 403, "author", 403));
        assertThat(status("POST", "/api/v1/threads/" + thread + "/move", Map.of("spaceSlug", "public-" + run), moderator)).isEqualTo(200);
        // moved into a public space, the thread is readable by everyone
        assertThat(status("GET", "/api/v1/threads/" + thread, null, null)).isEqualTo(200);
        assertThat(count("community_audit where target_id = " + thread + " and action in ('thread.lock', 'thread.pin', 'thread.move')")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void votingFollowsVisibility() {
        var idea = api.post("/api/v1/spaces/" + priv + "/threads", Map.of("title", "案", "body", "本文", "kind", "idea"), author.token()).json().get("id").asString();
        expect("POST", "/api/v1/threads/" + idea + "/votes", null, Map.of("anonymous", 401, "outsider", 404, "insider", 200, "moderator", 200));
    }
}
