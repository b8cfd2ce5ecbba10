package io.kizuna.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.shared.PageRequest;
import io.kizuna.support.Api;
import io.kizuna.support.Api.Member;
import io.kizuna.support.ApplicationTestBase;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bad input to the community API: a 400 naming the field (a 404 for a path's id), and nothing written. Duplicate
 * detection is on, as in production, so a refusal also shows that it left no mark in the content gate.
 */
class CommunityInputIntegrationTests extends ApplicationTestBase {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        configure(registry, true);
        registry.add("kizuna.moderation.duplicate-window-seconds", () -> "600");
    }

    private Member admin;
    private Member asker;
    private Member helper;
    private static int n;

    @Autowired
    MessageSource messages;

    @BeforeEach
    void community() {
        n++;
        admin = withRole("admin-in" + n + "@example.com", "admin");
        asker = api.member("asker-in" + n + "@example.com", "質問者");
        helper = api.member("helper-in" + n + "@example.com", "回答者");
        assertThat(api.post("/api/v1/spaces", Map.of("slug", "input-" + n, "name", "入力", "visibility", "public"), admin.token()).status()).isEqualTo(201);
    }

    private String space() {
        return "input-" + n;
    }

    private String thread(Member who, String kind, String title) {
        return api.created("/api/v1/spaces/" + space() + "/threads", Map.of("title", title, "body", "本文です。", "kind", kind), who.token());
    }

    private String reply(Member who, String thread, String body) {
        return api.created("/api/v1/threads/" + thread + "/posts", Map.of("body", body), who.token());
    }

    /** A 400 naming {@code field} with the message of {@code key} (or that text, when it is no key). */
    private void assertInvalid(Api.Response r, String field, String key) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("type").asString()).endsWith("invalid-input");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(r.json().get("errors").get(0).get("message").asString()).isEqualTo(messages.getMessage(key, null, key, Locale.JAPANESE));
    }

    /** What a refused write leaves as it was: the numbers of spaces, threads, posts and post revisions. */
    private List<Long> written() {
        return List.of(count("community_spaces"), count("community_threads"), count("community_posts"), count("community_post_revisions"));
    }

    private String title(String thread) {
        return api.get("/api/v1/threads/" + thread).json().get("title").asString();
    }

    @Test
    void textWithNoVisibleCharacterIsBlankWhereverATitleOrBodyIsWritten() {
        // given a thread with a reply, and counts of what could be written
        String t = thread(asker, "discussion", "見える題");
        String post = reply(helper, t, "見える返信");
        var before = written();
        // spaces String.isBlank() does not see, zero-width characters, and the ideographic space
        for (var invisible : List.of("\u00A0\u2007\u202F", "\u200B\uFEFF\u2060", "\u3000 \u200B\n")) {
            // when / then
            assertInvalid(api.post("/api/v1/spaces/" + space() + "/threads", Map.of("title", invisible, "body", "本文", "kind", "discussion"),
                asker.token()), "title", "validation.required");
            assertInvalid(api.post("/api/v1/spaces/" + space() + "/threads", Map.of("title", "題", "body", invisible, "kind", "discussion"),
                asker.token()), "body", "validation.required");
            assertInvalid(api.post("/api/v1/threads/" + t + "/posts", Map.of("body", invisible), helper.token()), "body", "validation.required");
            assertInvalid(api.put("/api/v1/posts/" + post, Map.of("body", invisible), helper.token()), "body", "validation.required");
            assertInvalid(api.put("/api/v1/threads/" + t + "/title", Map.of("title", invisible), asker.token()), "title", "validation.required");
        }
        assertThat(written()).isEqualTo(before);
        assertThat(title(t)).isEqualTo("見える題");
    }

    @Test
    void theBodyLimitCountsTheBodyAsItIsStored() {
        // given 50,000 characters with blank lines after them: within the limit only if trimmed, but stored untrimmed
        String t = thread(asker, "discussion", "長さ");
        String post = reply(helper, t, "短い返信");
        var before = written();
        String padded = "a".repeat(50_000) + "\n".repeat(400_000);
        // when / then
        assertInvalid(api.post("/api/v1/spaces/" + space() + "/threads", Map.of("title", "題", "body", padded, "kind", "discussion"), asker.token()),
            "body", "validation.tooLong");
        assertInvalid(api.post("/api/v1/threads/" + t + "/posts", Map.of("body", padded), helper.token()), "body", "validation.tooLong");
        assertInvalid(api.put("/api/v1/posts/" + post, Map.of("body", padded), helper.token()), "body", "validation.tooLong");
        assertThat(written()).isEqualTo(before);
        // 50,000 characters still fit, stored as sent: the leading indentation keeps its Markdown meaning (a code block)
        var full = api.post("/api/v1/threads/" + t + "/posts", Map.of("body", "    " + "a".repeat(49_996)), helper.token());
        assertThat(full.status()).as(full.toString()).isEqualTo(201);
        assertThat(full.json().get("body").asString()).startsWith("    a");
        assertThat(full.json().get("bodyHtml").asString()).startsWith("<pre><code>");
    }

    @Test
    void aNulCharacterIsRefusedInEveryCommunityText() {
        // given an idea with a reply, a moderator, and counts of what could be written
        String t = thread(asker, "idea", "元の題");
        String post = reply(helper, t, "元の返信");
        var moderator = withRole("mod-nul" + n + "@example.com", "moderator");
        var before = written();
        // when / then: PostgreSQL cannot store U+0000, so it is bad input rather than a 500
        assertInvalid(api.post("/api/v1/spaces/" + space() + "/threads", Map.of("title", "題\u0000", "body", "本文", "kind", "discussion"),
            asker.token()), "title", "validation.invalidCharacter");
        assertInvalid(api.post("/api/v1/spaces/" + space() + "/threads", Map.of("title", "題", "body", "本\u0000文", "kind", "discussion"),
            asker.token()), "body", "validation.invalidCharacter");
        assertInvalid(api.post("/api/v1/threads/" + t + "/posts", Map.of("body", "返信\u0000"), helper.token()), "body", "validation.invalidCharacter");
        assertInvalid(api.put("/api/v1/posts/" + post, Map.of("body", "\u0000直し"), helper.token()), "body", "validation.invalidCharacter");
        assertInvalid(api.put("/api/v1/threads/" + t + "/title", Map.of("title", "新しい\u0000題"), asker.token()), "title", "validation.invalidCharacter");
        assertInvalid(api.post("/api/v1/threads/" + t + "/status", Map.of("status", "planned", "comment", "予定\u0000"), moderator.token()),
            "comment", "validation.invalidCharacter");
        assertInvalid(api.post("/api/v1/spaces", Map.of("slug", "nul-" + n, "name", "名前\u0000", "visibility", "public"), admin.token()),
            "name", "validation.invalidCharacter");
        assertInvalid(api.post("/api/v1/spaces", Map.of("slug", "nul-" + n, "name", "名前", "description", "\u0000", "visibility", "public"),
            admin.token()), "description", "validation.invalidCharacter");
        // no JSON text may hold one, a slug included (web.internal.JsonConfiguration)
        assertInvalid(api.post("/api/v1/threads/" + t + "/move", Map.of("spaceSlug", "nul\u0000"), moderator.token()), "spaceSlug", "validation.invalidCharacter");
        assertThat(written()).isEqualTo(before);
        var thread = api.get("/api/v1/threads/" + t).json();
        assertThat(thread.get("title").asString()).isEqualTo("元の題");
        assertThat(thread.get("status").asString()).isEqualTo("open");
        assertThat(thread.get("spaceSlug").asString()).isEqualTo(space());
    }

    @Test
    void listsRefuseBadLimitsAndCursorsWith400() {
        String t = thread(asker, "discussion", "ページ");
        // a cursor shaped like the ones this server issues, but for a year beyond PostgreSQL's range
        String farFuture = PageRequest.encode(false, "+300000-01-01T00:00Z", t);
        for (var list : List.of("/api/v1/spaces/" + space() + "/threads", "/api/v1/threads/" + t + "/posts")) {
            for (var limit : List.of("0", "101", "-1", "ten", "99999999999")) {
                assertInvalid(api.get(list + "?limit=" + limit), "limit", "must be a whole number from 1 to 100");
            }
            for (var cursor : List.of("not*base64!", PageRequest.encode("x"), PageRequest.encode("99999999999999999999"), farFuture)) {
                assertInvalid(api.get(list + "?cursor=" + cursor), "cursor", "is not a cursor this server issued");
            }
        }
    }

    @Test
    void malformedPathIdsAre404() {
        String t = thread(asker, "discussion", "路");
        var before = written();
        for (var id : List.of("abc", "-1", "0", "1e3", "99999999999999999999")) {
            for (var r : List.of(api.get("/api/v1/threads/" + id), api.get("/api/v1/threads/" + id + "/posts"),
                    api.post("/api/v1/threads/" + id + "/posts", Map.of("body", "返信 " + t), helper.token()),
                    api.put("/api/v1/posts/" + id, Map.of("body", "直し"), helper.token()),
                    api.post("/api/v1/posts/" + id + "/reactions", Map.of("type", "like"), helper.token()))) {
                assertThat(r.status()).as(id + ": " + r).isEqualTo(404);
                assertThat(r.json().get("type").asString()).endsWith("not-found");
            }
        }
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void malformedPostIdsInBodiesAre400WhileAnotherThreadsPostStays422() {
        // given a question, and a post of another thread
        String q = thread(asker, "question", "質問");
        String other = thread(asker, "discussion", "別の話");
        String elsewhere = api.get("/api/v1/threads/" + other + "/posts").json().get("items").get(0).get("id").asString();
        var before = written();
        // when / then
        assertInvalid(api.post("/api/v1/threads/" + q + "/accepted-answer", "{}", asker.token()), "postId", "validation.required");
        assertInvalid(api.post("/api/v1/threads/" + q + "/accepted-answer", "{\"postId\":null}", asker.token()), "postId", "validation.required");
        for (var malformed : List.of("abc", "-1", "1.5", "99999999999999999999")) {
            assertInvalid(api.post("/api/v1/threads/" + q + "/accepted-answer", Map.of("postId", malformed), asker.token()), "postId",
                "validation.invalidId");
            assertInvalid(api.post("/api/v1/threads/" + q + "/posts", Map.of("body", "返信 " + malformed, "replyToPostId", malformed), helper.token()),
                "replyToPostId", "validation.invalidId");
        }
        var notHere = api.post("/api/v1/threads/" + q + "/posts", Map.of("body", "よそへの返信", "replyToPostId", elsewhere), helper.token());
        assertThat(notHere.status()).isEqualTo(422);
        assertThat(notHere.json().get("type").asString()).endsWith("post-not-in-thread");
        assertThat(written()).isEqualTo(before);
        assertThat(api.get("/api/v1/threads/" + q).json().get("acceptedPostId").isNull()).isTrue();
    }

    @Test
    void lockAndPinNeedAnExplicitValue() {
        // given a thread and a moderator who may lock and pin it
        String t = thread(asker, "discussion", "旗");
        var moderator = withRole("mod-flag" + n + "@example.com", "moderator");
        long audit = count("community_audit");
        for (var action : List.of("lock", "pin")) {
            String path = "/api/v1/threads/" + t + "/" + action;
            // when / then: a missing or null value is not taken for true, nor is a value of the wrong type
            assertInvalid(api.post(path, "{}", moderator.token()), "value", "validation.required");
            assertInvalid(api.post(path, "{\"value\":null}", moderator.token()), "value", "validation.required");
            assertInvalid(api.post(path, "{\"value\":\"yes\"}", moderator.token()), "value", "has the wrong type or format");
            var noBody = api.post(path, null, moderator.token());
            assertThat(noBody.status()).isEqualTo(400);
            assertThat(noBody.json().get("type").asString()).endsWith("body-required");
        }
        var thread = api.get("/api/v1/threads/" + t).json();
        assertThat(thread.get("locked").asBoolean()).isFalse();
        assertThat(thread.get("pinned").asBoolean()).isFalse();
        assertThat(count("community_audit")).isEqualTo(audit);
    }

    @Test
    void numbersAndBooleansAreNotTakenForText() {
        var before = written();
        var r = api.post("/api/v1/spaces/" + space() + "/threads", "{\"title\":123,\"body\":true,\"kind\":\"discussion\"}", asker.token());
        assertInvalid(r, "title", "has the wrong type or format");
        assertInvalid(api.post("/api/v1/spaces/" + space() + "/threads", "{\"title\":\"題\",\"body\":1.5,\"kind\":\"discussion\"}", asker.token()),
            "body", "has the wrong type or format");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void aRetitleHeldForReviewMayBeTriedAgain() {
        // given a word that holds text for review
        api.post("/api/v1/moderation/banned-words", Map.of("word", "casino" + n, "action", "hold"), admin.token());
        String t = thread(asker, "discussion", "元の題名です");
        for (int i = 0; i < 2; i++) {
            // when the author retitles with it, twice
            var r = api.put("/api/v1/threads/" + t + "/title", Map.of("title", "The best casino" + n + " in town"), asker.token());
            // then both are refused for review: the second is no duplicate of a title that was never stored
            assertThat(r.status()).as(r.toString()).isEqualTo(422);
            assertThat(r.json().get("type").asString()).endsWith("title-needs-review");
        }
        assertThat(title(t)).isEqualTo("元の題名です");
        assertThat(count("community_audit where action = 'thread.retitle' and target_id = " + t)).isZero();
    }
}
