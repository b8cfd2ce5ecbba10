package io.kizuna.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommunityApiIntegrationTests extends IntegrationTestBase {
    private Member admin;
    private Member asker;
    private Member helper;
    private static int n;

    @BeforeEach
    void community() {
        n++;
        admin = withRole("admin" + n + "@example.com", "admin");
        asker = api.member("asker" + n + "@example.com", "質問者");
        helper = api.member("helper" + n + "@example.com", "回答者");
        assertThat(api.post("/api/v1/spaces", Map.of("slug", "support-" + n, "name", "サポート", "description", "使い方の質問", "visibility", "public"), admin.token()).status()).isEqualTo(201);
    }

    private String space() {
        return "support-" + n;
    }

    private String thread(Member who, String kind, String title) {
        var r = api.post("/api/v1/spaces/" + space() + "/threads", Map.of("title", title, "body", "本文です。**太字**", "kind", kind), who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    @Test
    void aReplyIsAllowedAndRefusedAlikeWhetherItsStatementDecidesOrTheThreadIsReadFirst() {
        var insider = api.member("insider" + n + "@example.com", "内側");
        var outsider = api.member("outsider" + n + "@example.com", "外側");
        api.post("/api/v1/spaces", Map.of("slug", "inner-" + n, "name", "内輪", "visibility", "private"), admin.token());
        String inner = api.post("/api/v1/spaces/inner-" + n + "/threads", Map.of("title", "内輪の話", "body", "本文", "kind", "discussion"),
            admin.token()).json().get("id").asString();
        api.post("/api/v1/spaces/inner-" + n + "/members", Map.of("userId", insider.id()), admin.token());
        String opening = api.get("/api/v1/threads/" + inner + "/posts", admin.token()).json().get("items").get(0).get("id").asString();
        long posts = count("community_posts");
        // without replyToPostId the reply's own statement applies the visibility policy; with one, the thread is read first
        for (var replyTo : new String[] {null, opening}) {
            var body = new HashMap<String, Object>(Map.of("body", "メンバーからの返信です " + replyTo));
            if (replyTo != null) body.put("replyToPostId", replyTo);
            assertThat(api.post("/api/v1/threads/" + inner + "/posts", body, insider.token()).status()).isEqualTo(201);
            body.put("body", "外からの返信です " + replyTo);
            assertThat(api.post("/api/v1/threads/" + inner + "/posts", body, outsider.token()).status()).isEqualTo(404);
        }
        assertThat(count("community_posts")).isEqualTo(posts + 2);
        assertThat(api.get("/api/v1/threads/" + inner, admin.token()).json().get("postCount").asInt()).isEqualTo(3);

        // a thread held by a moderator: its author and staff may still reply (decided on the thread read), others not
        String open = thread(asker, "discussion", "公開の話題");
        jdbc.sql("update community_threads set moderation = 'held' where id = :id").param("id", Long.parseLong(open)).update();
        assertThat(api.post("/api/v1/threads/" + open + "/posts", Map.of("body", "作者の返信"), asker.token()).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/threads/" + open + "/posts", Map.of("body", "スタッフの返信"), admin.token()).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/threads/" + open + "/posts", Map.of("body", "他人の返信"), helper.token()).status()).isEqualTo(404);

        // the body is checked first, whatever the thread: the answer tells nothing about a thread one may not see
        assertThat(api.post("/api/v1/threads/" + inner + "/posts", Map.of("body", " "), outsider.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/threads/999999999/posts", Map.of("body", " "), outsider.token()).status()).isEqualTo(400);
    }

    @Test
    void aQuestionIsAskedAnsweredAndAccepted() {
        // given
        String t = thread(asker, "question", "イヤホンの充電ができません");
        // when
        var answer = api.post("/api/v1/threads/" + t + "/posts", Map.of("body", "ケースの端子を拭いてみてください。"), helper.token());
        var accepted = api.post("/api/v1/threads/" + t + "/accepted-answer", Map.of("postId", answer.json().get("id").asString()), asker.token());
        // then
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().get("bodyHtml").asString()).isEqualTo("<p>ケースの端子を拭いてみてください。</p>\n");
        assertThat(answer.json().get("author").get("displayName").asString()).isEqualTo("回答者");
        assertThat(accepted.status()).isEqualTo(200);
        var thread = api.get("/api/v1/threads/" + t).json();
        assertThat(thread.get("acceptedPostId").asString()).isEqualTo(answer.json().get("id").asString());
        assertThat(thread.get("status").asString()).isEqualTo("solved");
        assertThat(thread.get("postCount").asInt()).isEqualTo(2);
        assertThat(thread.get("spaceSlug").asString()).isEqualTo(space());
        assertThat(thread.get("author").get("id").asString()).isEqualTo(asker.id());
        var posts = api.get("/api/v1/threads/" + t + "/posts").json().get("items");
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).get("bodyHtml").asString()).contains("<strong>太字</strong>");
    }

    @Test
    void refusesBadThreadsAndPostsAndChangesNothing() {
        long before = count("community_threads");
        for (var body : new Map[] {
            Map.of("title", "   ", "body", "本文", "kind", "question"),
            Map.of("title", "題名", "body", " \n ", "kind", "question"),
            Map.of("title", "あ".repeat(201), "body", "本文", "kind", "question"),
            Map.of("title", "題名", "body", "あ".repeat(50_001), "kind", "question"),
            Map.of("title", "題名", "body", "本文", "kind", "rant")}) {
            assertThat(api.post("/api/v1/spaces/" + space() + "/threads", body, asker.token()).status()).as(body.keySet().toString()).isEqualTo(400);
        }
        assertThat(api.post("/api/v1/spaces/" + space() + "/threads", Map.of("title", "お知らせ", "body", "本文", "kind", "announcement"), asker.token()).status()).isEqualTo(403);
        assertThat(count("community_threads")).isEqualTo(before);
        assertThat(api.post("/api/v1/spaces/" + space() + "/threads", Map.of("title", "あ".repeat(200), "body", "本文", "kind", "discussion"), asker.token()).status()).isEqualTo(201);
    }

    @Test
    void acceptingRefusesPostsOfOtherThreadsAndNonQuestions() {
        String q1 = thread(asker, "question", "質問1");
        String q2 = thread(asker, "question", "質問2");
        String d = thread(asker, "discussion", "雑談");
        var other = api.post("/api/v1/threads/" + q2 + "/posts", Map.of("body", "別スレッドの回答"), helper.token()).json().get("id").asString();
        var r = api.post("/api/v1/threads/" + q1 + "/accepted-answer", Map.of("postId", other), asker.token());
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("type").asString()).endsWith("post-not-in-thread");
        var reply = api.post("/api/v1/threads/" + d + "/posts", Map.of("body", "返信"), helper.token()).json().get("id").asString();
        assertThat(api.post("/api/v1/threads/" + d + "/accepted-answer", Map.of("postId", reply), asker.token()).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/threads/" + q1 + "/accepted-answer", Map.of("postId", other), helper.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/threads/" + q1).json().get("acceptedPostId").isNull()).isTrue();
    }

    @Test
    void ideaVotesAreOnePerMemberAndRetractable() {
        String idea = thread(asker, "idea", "ダークモードがほしい");
        assertThat(api.post("/api/v1/threads/" + idea + "/votes", null, helper.token()).json().get("voteCount").asInt()).isEqualTo(1);
        var twice = api.post("/api/v1/threads/" + idea + "/votes", null, helper.token());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(api.post("/api/v1/threads/" + idea + "/votes", null, asker.token()).json().get("voteCount").asInt()).isEqualTo(2);
        var back = api.delete("/api/v1/threads/" + idea + "/votes", null, helper.token());
        assertThat(back.json().get("voteCount").asInt()).isEqualTo(1);
        assertThat(back.json().get("viewerVoted").asBoolean()).isFalse();
        String d = thread(asker, "discussion", "雑談");
        assertThat(api.post("/api/v1/threads/" + d + "/votes", null, helper.token()).status()).isEqualTo(422);
        var moderator = withRole("mod-idea" + n + "@example.com", "moderator");
        var status = api.post("/api/v1/threads/" + idea + "/status", Map.of("status", "planned", "comment", "次のリリースで対応します"), moderator.token());
        assertThat(status.json().get("status").asString()).isEqualTo("planned");
        assertThat(status.json().get("statusComment").asString()).isEqualTo("次のリリースで対応します");
        assertThat(api.post("/api/v1/threads/" + idea + "/status", Map.of("status", "someday"), moderator.token()).status()).isEqualTo(400);
    }

    @Test
    void editsKeepHistoryAndDeletesAreSoftAndAudited() {
        String t = thread(asker, "discussion", "編集テスト");
        var reply = api.post("/api/v1/threads/" + t + "/posts", Map.of("body", "最初の文"), helper.token()).json().get("id").asString();
        var edited = api.request(java.net.http.HttpRequest.newBuilder(api.uri("/api/v1/posts/" + reply))
            .header("Authorization", "Bearer " + helper.token()).header("Content-Type", "application/json")
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"body\":\"直した文\"}")));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("body").asString()).isEqualTo("直した文");
        assertThat(jdbc.sql("select body from community_post_revisions where post_id = " + reply).query(String.class).single()).isEqualTo("最初の文");
        assertThat(api.delete("/api/v1/posts/" + reply, null, helper.token()).status()).isEqualTo(204);
        var posts = api.get("/api/v1/threads/" + t + "/posts").json().get("items");
        assertThat(posts.get(1).get("deleted").asBoolean()).isTrue();
        assertThat(posts.get(1).get("body").isNull()).isTrue();
        assertThat(jdbc.sql("select body from community_posts where id = " + reply).query(String.class).single()).isEqualTo("直した文");
        assertThat(count("community_audit where action = 'post.delete' and target_id = " + reply)).isEqualTo(1);
        assertThat(api.post("/api/v1/posts/" + reply + "/reactions", Map.of("type", "like"), asker.token()).status()).isEqualTo(409);
        assertThat(api.get("/api/v1/threads/" + t).json().get("postCount").asInt()).isEqualTo(1);
    }

    @Test
    void reactionsAreIdempotentPerMemberAndType() {
        String t = thread(asker, "discussion", "リアクション");
        String first = api.get("/api/v1/threads/" + t + "/posts").json().get("items").get(0).get("id").asString();
        api.post("/api/v1/posts/" + first + "/reactions", Map.of("type", "like"), helper.token());
        var again = api.post("/api/v1/posts/" + first + "/reactions", Map.of("type", "like"), helper.token());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("reactions").get("like").asInt()).isEqualTo(1);
        assertThat(api.post("/api/v1/posts/" + first + "/reactions", Map.of("type", "angry"), helper.token()).status()).isEqualTo(400);
        assertThat(api.delete("/api/v1/posts/" + first + "/reactions/like", null, helper.token()).json().get("reactions").has("like")).isFalse();
    }

    @Test
    void lockedThreadsRefuseRepliesWith409() {
        String t = thread(asker, "discussion", "ロック");
        var moderator = withRole("mod-lock" + n + "@example.com", "moderator");
        assertThat(api.post("/api/v1/threads/" + t + "/lock", Map.of("value", true), moderator.token()).json().get("locked").asBoolean()).isTrue();
        var refused = api.post("/api/v1/threads/" + t + "/posts", Map.of("body", "まだ話したい"), helper.token());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/threads/" + t).json().get("postCount").asInt()).isEqualTo(1);
        // the reply's statement carries the notifications' writes on publishing: refused, it wrote none of them
        assertThat(api.get("/api/v1/threads/" + t + "/follow", helper.token()).json().get("following").asBoolean()).isFalse();
        assertThat(jdbc.sql("select count(*) from notification_inbox where thread_id = :t and actor_id = :a")
            .param("t", Long.parseLong(t)).param("a", Long.parseLong(helper.id())).query(Integer.class).single()).isZero();
        // the fan-out may have taken the inbox row already: nobody was told either
        assertThat(jdbc.sql("select count(*) from notifications where thread_id = :t and actor_id = :a")
            .param("t", Long.parseLong(t)).param("a", Long.parseLong(helper.id())).query(Integer.class).single()).isZero();
    }

    @Test
    void threadListIsNewestActivityFirstWithPinnedOnTopAndKeysetPaging() {
        String a = thread(asker, "discussion", "A");
        String b = thread(asker, "discussion", "B");
        String c = thread(asker, "discussion", "C");
        api.post("/api/v1/threads/" + a + "/posts", Map.of("body", "A を上げる"), helper.token());
        var moderator = withRole("mod-pin" + n + "@example.com", "moderator");
        api.post("/api/v1/threads/" + b + "/pin", Map.of("value", true), moderator.token());
        var page1 = api.get("/api/v1/spaces/" + space() + "/threads?limit=2").json();
        assertThat(page1.get("items").get(0).get("id").asString()).isEqualTo(b);
        assertThat(page1.get("items").get(1).get("id").asString()).isEqualTo(a);
        var page2 = api.get("/api/v1/spaces/" + space() + "/threads?limit=2&cursor=" + page1.get("nextCursor").asString()).json();
        assertThat(page2.get("items").get(0).get("id").asString()).isEqualTo(c);
        assertThat(page2.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void spacesValidateAndSlugsAreUnique() {
        var bad = new HashMap<String, Object>(Map.of("slug", "Bad Slug!", "name", "", "visibility", "secret"));
        var r = api.post("/api/v1/spaces", bad, admin.token());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors")).hasSize(3);
        assertThat(api.post("/api/v1/spaces", Map.of("slug", space(), "name", "dup", "visibility", "public"), admin.token()).status()).isEqualTo(409);
    }
}
