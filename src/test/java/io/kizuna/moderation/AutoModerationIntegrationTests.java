package io.kizuna.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.ApplicationTestBase;
import io.kizuna.support.Api.Member;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Banned words (refuse or hold), flood and duplicate limits, links for new members, guidelines acceptance. */
class AutoModerationIntegrationTests extends ApplicationTestBase {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        configure(registry, true);
        registry.add("kizuna.moderation.writes-per-minute", () -> "5");
        registry.add("kizuna.moderation.duplicate-window-seconds", () -> "600");
    }

    private static int run;

    @org.springframework.beans.factory.annotation.Autowired
    io.kizuna.notifications.internal.Fanout fanout;
    private Member admin;
    private Member moderator;
    private Member member;
    private Member reader;
    private String thread;

    @BeforeEach
    void world() {
        run++;
        admin = withRole("admin-am" + run + "@example.com", "admin");
        moderator = withRole("mod-am" + run + "@example.com", "moderator");
        member = api.member("member-am" + run + "@example.com", "Member");
        reader = api.member("reader-am" + run + "@example.com", "Reader");
        api.post("/api/v1/spaces", Map.of("slug", "auto-" + run, "name", "Auto", "visibility", "public"), admin.token());
        thread = api.post("/api/v1/spaces/auto-" + run + "/threads", Map.of("title", "題", "body", "本文", "kind", "discussion"), admin.token())
            .json().get("id").asString();
        // once a test has published guidelines, new members accept them like they would at sign-up
        var current = api.get("/api/v1/guidelines", member.token());
        if (current.status() == 200) {
            for (var m : new Member[] {member, reader, moderator}) {
                api.post("/api/v1/guidelines/accept", Map.of("version", current.json().get("version").asInt()), m.token());
            }
        }
    }

    private io.kizuna.support.Api.Response reply(Member who, String body) {
        return api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", body), who.token());
    }

    @Test
    void aRefusedWordIsRefusedWithItsMessageWhateverItsSpelling() {
        api.post("/api/v1/moderation/banned-words", Map.of("word", "バカ" + run, "action", "refuse", "message", "その言葉は使えません"), admin.token());
        var r = reply(member, "お前はﾊﾞｶ" + run + "だ");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("type").asString()).endsWith("banned-word");
        assertThat(r.json().get("detail").asString()).isEqualTo("その言葉は使えません");
        assertThat(reply(member, "ばか" + run).status()).isEqualTo(422);
        assertThat(reply(member, "ふつうの返信").status()).isEqualTo(201);
    }

    @Test
    void aHeldWordStoresThePostPendingReviewAndOpensACase() {
        // given a word that holds for review
        api.post("/api/v1/moderation/banned-words", Map.of("word", "casino" + run, "action", "hold"), admin.token());
        // when a member posts it
        var r = reply(member, "Best ＣＡＳＩＮＯ" + run + " here");
        // then it is stored, shown to its author as pending review, and to nobody else
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("moderation").asString()).isEqualTo("held");
        String post = r.json().get("id").asString();
        assertThat(api.get("/api/v1/threads/" + thread + "/posts", member.token()).json().get("items").findValuesAsString("id")).contains(post);
        assertThat(api.get("/api/v1/threads/" + thread + "/posts", reader.token()).json().get("items").findValuesAsString("id")).doesNotContain(post);
        // and a held case waits in the queue
        var queue = api.get("/api/v1/moderation/queue?reason=held_for_review", moderator.token()).json().get("items");
        var item = java.util.stream.StreamSupport.stream(queue.spliterator(), false).filter(i -> i.get("targetId").asString().equals(post)).findFirst().orElseThrow();
        assertThat(item.get("held").asBoolean()).isTrue();
        // and it is not published yet: nobody hears of it, and its author does not follow the thread
        assertThat(following(member)).isFalse();
        assertThat(heardOf(admin, post)).isFalse();
        // when a moderator restores it, everyone sees it, and it is published as a reply is
        assertThat(api.post("/api/v1/moderation/reports/" + item.get("id").asString() + "/actions", Map.of("action", "restore"), moderator.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/threads/" + thread + "/posts", reader.token()).json().get("items").findValuesAsString("id")).contains(post);
        assertThat(following(member)).isTrue();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> heardOf(admin, post));
    }

    private boolean following(Member who) {
        return api.get("/api/v1/threads/" + thread + "/follow", who.token()).json().get("following").asBoolean();
    }

    /** The fan-out has run for everything before this check, so a missing notification is not merely late. */
    private boolean heardOf(Member who, String post) {
        fanout.drain();
        return api.get("/api/v1/me/notifications", who.token()).json().get("items").findValuesAsString("postId").contains(post);
    }

    @Test
    void floodingIsA429WithRetryAfter() {
        for (int i = 0; i < 5; i++) assertThat(reply(reader, "連投 " + i + " 回目のテスト投稿です").status()).isEqualTo(201);
        var r = reply(reader, "もう一回だけ投稿します");
        assertThat(r.status()).isEqualTo(429);
        assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void aReplyRefusedAfterScreeningLeavesNoDuplicateBehind() {
        api.post("/api/v1/spaces", Map.of("slug", "closed-am" + run, "name", "Closed", "visibility", "private"), admin.token());
        String closed = api.post("/api/v1/spaces/closed-am" + run + "/threads", Map.of("title", "内輪", "body", "本文", "kind", "discussion"),
            admin.token()).json().get("id").asString();
        String text = "別のスレッドに書くつもりだった返信です";
        // a thread the member may not see is found out after the gate screened the text
        assertThat(api.post("/api/v1/threads/" + closed + "/posts", Map.of("body", text), member.token()).status()).isEqualTo(404);
        assertThat(reply(member, text).status()).isEqualTo(201);
        assertThat(reply(member, text).status()).isEqualTo(409);
    }

    @Test
    void theSameTextTwiceIsADuplicate() {
        assertThat(reply(member, "まったく同じ文章をもう一度投稿します").status()).isEqualTo(201);
        var r = reply(member, "まったく同じ文章を　もう一度投稿します".replace("　", ""));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("type").asString()).endsWith("duplicate-post");
    }

    @Test
    void newMembersPostOnlyAFewLinks() {
        var links = "https://a.example https://b.example https://c.example";
        var r = reply(member, links);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("type").asString()).endsWith("too-many-links");
        assertThat(reply(member, "https://a.example だけ").status()).isEqualTo(201);
        assertThat(reply(moderator, links).status()).isEqualTo(201);
    }

    @Test
    void membersAcceptMaterialGuidelinesBeforeTheyPost() {
        // given material guidelines
        var g = api.post("/api/v1/guidelines", Map.of("body", "# ルール\n\n互いに敬意を。" + run, "material", true), admin.token());
        assertThat(g.status()).isEqualTo(201);
        int version = g.json().get("version").asInt();
        // then a member who has not accepted them cannot post, with a link to accept
        var r = reply(reader, "書き込みたい " + run);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("type").asString()).endsWith("guidelines-not-accepted");
        assertThat(r.json().get("detail").asString()).contains("/guidelines");
        assertThat(api.get("/api/v1/guidelines", reader.token()).json().get("mustAccept").asBoolean()).isTrue();
        // an old version cannot be accepted
        assertThat(api.post("/api/v1/guidelines/accept", Map.of("version", version - 1), reader.token()).status()).isIn(404, 422);
        // and after accepting they can
        assertThat(api.post("/api/v1/guidelines/accept", Map.of("version", version), reader.token()).status()).isEqualTo(200);
        assertThat(reply(reader, "書き込みたい " + run).status()).isEqualTo(201);
        // a minor version does not ask again
        api.post("/api/v1/guidelines", Map.of("body", "誤字修正 " + run, "material", false), admin.token());
        assertThat(reply(reader, "まだ書ける " + run).status()).isEqualTo(201);
    }
}
