package io.kizuna.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.shared.PageRequest;
import io.kizuna.support.Api;
import io.kizuna.support.IntegrationTestBase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CommunityPagesIntegrationTests extends IntegrationTestBase {

    @Test
    void publicThreadsRenderServerSideForAnonymousVisitors() {
        var admin = withRole("admin-p@example.com", "admin");
        var member = api.member("asker-p@example.com", "質問者");
        api.post("/api/v1/spaces", Map.of("slug", "help", "name", "ヘルプ", "visibility", "public"), admin.token());
        String id = api.post("/api/v1/spaces/help/threads", Map.of("title", "充電できない", "body", "**助けて**", "kind", "question"), member.token())
            .json().get("id").asString();
        var spaces = api.get("/spaces");
        assertThat(spaces.body()).contains("ヘルプ").contains("href=\"/s/help\"");
        var list = api.get("/s/help");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("<title>ヘルプ | Kizuna</title>").contains("href=\"/t/" + id + "\"").contains("充電できない");
        var page = api.get("/t/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>充電できない | Kizuna</title>").contains("<link rel=\"canonical\" href=\"/t/" + id + "\">")
            .contains("<strong>助けて</strong>").contains("ログインして返信する");
    }

    @Test
    void privateThreadPagesAre404ToOutsiders() {
        var admin = withRole("admin-q@example.com", "admin");
        api.post("/api/v1/spaces", Map.of("slug", "secret", "name", "秘密", "visibility", "private"), admin.token());
        String id = api.post("/api/v1/spaces/secret/threads", Map.of("title", "社外秘", "body", "本文", "kind", "discussion"), admin.token())
            .json().get("id").asString();
        assertThat(api.get("/t/" + id).status()).isEqualTo(404);
        assertThat(api.get("/t/" + id).body()).doesNotContain("社外秘");
        assertThat(api.get("/s/secret").status()).isEqualTo(404);
        assertThat(api.get("/spaces").body()).doesNotContain("秘密");
    }

    @Test
    void theXssCorpusRendersHarmlessOnTheThreadPage() {
        var admin = withRole("admin-x@example.com", "admin");
        var member = api.member("xss@example.com", "X");
        api.post("/api/v1/spaces", Map.of("slug", "xss", "name", "XSS", "visibility", "public"), admin.token());
        String id = api.post("/api/v1/spaces/xss/threads", Map.of("title", "<script>alert('title')</script>", "body", "start", "kind", "discussion"), member.token())
            .json().get("id").asString();
        for (String payload : MarkdownTests.xssCorpus()) {
            var r = api.post("/api/v1/threads/" + id + "/posts", Map.of("body", payload), member.token());
            assertThat(r.status()).isEqualTo(201);
            String html = r.json().get("bodyHtml").asString().toLowerCase(Locale.ROOT);
            assertThat(html).doesNotContain("<script").doesNotContainPattern("<[a-z][^>]*\\son[a-z]+\\s*=");
        }
        String page = api.get("/t/" + id).body().toLowerCase(Locale.ROOT);
        // payloads appear only as escaped text: no live tag, handler or javascript: URL
        assertThat(page).doesNotContain("<script>alert").doesNotContain("href=\"javascript").doesNotContain("src=\"javascript")
            .doesNotContain("<iframe").doesNotContain("<svg").doesNotContain("<img").doesNotContainPattern("<[a-z][^>]*\\son[a-z]+\\s*=");
        assertThat(page).contains("&lt;script&gt;alert(");
    }

    @Test
    void memberProfilesShowThreadsAnswersAndAcceptedAnswersTheViewerMaySee() {
        var admin = withRole("admin-u@example.com", "admin");
        var asker = api.member("asker-u@example.com", "Asker");
        var helper = api.member("helper-u@example.com", "ヘルパー");
        api.post("/api/v1/spaces", Map.of("slug", "open-u", "name", "Open", "visibility", "public"), admin.token());
        api.post("/api/v1/spaces", Map.of("slug", "closed-u", "name", "Closed", "visibility", "private"), admin.token());
        api.post("/api/v1/spaces/closed-u/members", Map.of("userId", helper.id()), admin.token());
        String q = api.post("/api/v1/spaces/open-u/threads", Map.of("title", "公開の質問", "body", "本文", "kind", "question"), asker.token()).json().get("id").asString();
        String answer = api.post("/api/v1/threads/" + q + "/posts", Map.of("body", "公開の回答"), helper.token()).json().get("id").asString();
        api.post("/api/v1/threads/" + q + "/accepted-answer", Map.of("postId", answer), asker.token());
        api.post("/api/v1/spaces/closed-u/threads", Map.of("title", "非公開の話", "body", "本文", "kind", "discussion"), helper.token());
        var anonymous = api.get("/u/" + helper.id());
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body()).contains("ヘルパー").contains("公開の質問").contains("ベストアンサー 1 件").doesNotContain("非公開の話");
        assertThat(api.get("/api/v1/members/" + helper.id() + "/profile", helper.token()).body()).contains("非公開の話");
        assertThat(api.get("/u/999999").status()).isEqualTo(404);
    }

    @Test
    void staffToolsOnTheThreadPageAreForStaff() {
        var admin = withRole("admin-t@example.com", "admin");
        var member = api.member("member-t@example.com", "Member");
        api.post("/api/v1/spaces", Map.of("slug", "tools", "name", "Tools", "visibility", "public"), admin.token());
        String id = api.post("/api/v1/spaces/tools/threads", Map.of("title", "道具", "body", "本文", "kind", "idea"), member.token()).json().get("id").asString();
        var memberPages = signedInClient("member-t@example.com");
        var memberView = memberPages.get("/t/" + id);
        // the author may retitle their own thread, nothing else
        assertThat(memberView.body()).doesNotContain("value=\"lock\"").doesNotContain("value=\"pin\"").contains("value=\"retitle\"");
        assertThat(memberPages.raw("POST", "/t/" + id + "/staff", "application/x-www-form-urlencoded",
            "_csrf=" + enc(memberView.csrf()) + "&action=lock").status()).isEqualTo(403);
        var adminPages = signedInClient("admin-t@example.com");
        var adminView = adminPages.get("/t/" + id);
        assertThat(adminView.body()).contains("action=\"/t/" + id + "/staff\"");
        var status = adminPages.raw("POST", "/t/" + id + "/staff", "application/x-www-form-urlencoded",
            "_csrf=" + enc(adminView.csrf()) + "&action=status&status=planned&comment=" + enc("検討します"));
        assertThat(status.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/threads/" + id).json().get("status").asString()).isEqualTo("planned");
        assertThat(adminPages.get("/t/" + id).body()).contains("検討します");
        assertThat(api.get("/api/v1/threads/" + id).json().get("locked").asBoolean()).isFalse();

        api.post("/api/v1/spaces", Map.of("slug", "tools-archive", "name", "Archive", "visibility", "public"), admin.token());
        var moveForm = adminPages.get("/t/" + id);
        assertThat(moveForm.body()).contains("<option value=\"tools-archive\">Archive</option>");
        assertThat(memberPages.raw("POST", "/t/" + id + "/staff", "application/x-www-form-urlencoded",
            "_csrf=" + enc(memberView.csrf()) + "&action=move&space=tools-archive").status()).isEqualTo(403);
        var moved = adminPages.raw("POST", "/t/" + id + "/staff", "application/x-www-form-urlencoded",
            "_csrf=" + enc(moveForm.csrf()) + "&action=move&space=tools-archive");
        assertThat(moved.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/threads/" + id).json().get("spaceSlug").asString()).isEqualTo("tools-archive");
    }

    /** An admin with a public space of theirs, both named by the space's slug. */
    private Api.Member adminWithSpace(String slug) {
        var admin = withRole("admin-" + slug + "@example.com", "admin");
        api.post("/api/v1/spaces", Map.of("slug", slug, "name", slug, "visibility", "public"), admin.token());
        return admin;
    }

    /** A thread started in the space; returns its id. */
    private String thread(Api.Member author, String slug, String kind) {
        return api.post("/api/v1/spaces/" + slug + "/threads", Map.of("title", "話題", "body", "本文", "kind", kind), author.token())
            .json().get("id").asString();
    }

    @Test
    void aThreadPageDescribesItselfWithItsQuestion() {
        var admin = adminWithSpace("described");
        String id = api.post("/api/v1/spaces/described/threads", Map.of("title", "充電の質問", "body", "**ケース**に入れても\n充電できません。", "kind", "question"),
            admin.token()).json().get("id").asString();
        assertThat(api.get("/t/" + id).body()).contains("<meta name=\"description\" content=\"ケースに入れても 充電できません。\">");
    }

    @Test
    void reactionButtonsShowAMembersOwnReactionAndTakeItBack() {
        // given a thread and a member reading it
        String id = thread(adminWithSpace("react-t"), "react-t", "discussion");
        api.member("member-react@example.com", "Member");
        api.member("other-react@example.com", "Other");
        var pages = signedInClient("member-react@example.com");
        String opening = api.get("/api/v1/threads/" + id + "/posts").json().get("items").get(0).get("id").asString();
        assertThat(pages.get("/t/" + id).body()).contains("aria-pressed=\"false\">いいね</button>");
        // when they like the opening post
        assertThat(submit(pages, "/t/" + id, "/posts/" + opening + "/react", "type=like").status()).isEqualTo(302);
        // then their button is pressed, counts it, and offers to take it back; someone else's is not pressed
        assertThat(pages.get("/t/" + id).body()).contains("aria-pressed=\"true\">いいね 1</button>")
            .contains("<input type=\"hidden\" name=\"action\" value=\"remove\">");
        assertThat(signedInClient("other-react@example.com").get("/t/" + id).body()).contains("aria-pressed=\"false\">いいね 1</button>");
        // when they press it again, the like is gone
        assertThat(submit(pages, "/t/" + id, "/posts/" + opening + "/react", "type=like&action=remove").status()).isEqualTo(302);
        assertThat(pages.get("/t/" + id).body()).contains("aria-pressed=\"false\">いいね</button>");
        assertThat(api.get("/api/v1/threads/" + id + "/posts").json().get("items").get(0).get("reactions").has("like")).isFalse();
    }

    /** Sends a page's form as a browser would, with the CSRF token of the page it is on. */
    private static Api.Response submit(Api client, String page, String action, String fields) {
        return client.raw("POST", action, "application/x-www-form-urlencoded", "_csrf=" + enc(client.get(page).csrf()) + "&" + fields);
    }

    @Test
    void aThreadRefusedForABannedWordKeepsTheTextAndShowsTheModeratorsMessage() {
        // given a word moderators refuse with their own message
        var admin = adminWithSpace("refused-w");
        api.member("member-rw@example.com", "Member");
        api.post("/api/v1/moderation/banned-words", Map.of("word", "ダメ語rw", "action", "refuse", "message", "その言葉は使えません"), admin.token());
        var pages = signedInClient("member-rw@example.com");
        // when a member starts a thread with it on the page
        var refused = submit(pages, "/s/refused-w/new", "/s/refused-w/new",
            "kind=discussion&title=" + enc("書きかけの題") + "&body=" + enc("長い本文にダメ語rwが入っている"));
        // then the form comes back with what they typed and the moderator's words
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("value=\"書きかけの題\"").contains(">長い本文にダメ語rwが入っている</textarea>")
            .contains("その言葉は使えません");
    }

    @Test
    void aReplyRefusedForTooManyLinksKeepsTheTextAndSaysWhy() {
        // given a new member on a thread
        String id = thread(adminWithSpace("refused-l"), "refused-l", "discussion");
        api.member("member-rl@example.com", "Member");
        var pages = signedInClient("member-rl@example.com");
        // when they reply with more links than new members may post
        String text = "https://a.example https://b.example https://c.example";
        var refused = submit(pages, "/t/" + id, "/t/" + id + "/reply", "body=" + enc(text));
        // then the thread page comes back with the reply box holding their text and the reason
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains(">" + text + "</textarea>").contains("リンクや画像");
    }

    @Test
    void aReplyOwingTheGuidelinesKeepsTheTextAndLinksToThem() {
        // given guidelines that members must accept before they post
        var admin = adminWithSpace("refused-g");
        String id = thread(admin, "refused-g", "discussion");
        api.member("member-rg@example.com", "Member");
        api.post("/api/v1/guidelines", Map.of("body", "# ルール\n\n互いに敬意を。", "material", true), admin.token());
        try {
            var pages = signedInClient("member-rg@example.com");
            // when a member who has not accepted them replies
            var refused = submit(pages, "/t/" + id, "/t/" + id + "/reply", "body=" + enc("まだ同意していない返信"));
            // then the reply box keeps the text and points to the guidelines
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains(">まだ同意していない返信</textarea>").contains("href=\"/guidelines\"");
        } finally {
            // later tests in this class start without guidelines to accept
            jdbc.sql("delete from moderation_guideline_acceptances").update();
            jdbc.sql("delete from moderation_guidelines").update();
        }
    }

    @Test
    void errorPagesNameConflictsAndRefusals() {
        // given a question with one reply, and the member's reply deleted
        adminWithSpace("errors");
        var asker = api.member("asker-e@example.com", "Asker");
        String id = thread(asker, "errors", "question");
        String opening = api.get("/api/v1/threads/" + id + "/posts").json().get("items").get(0).get("id").asString();
        String reply = api.post("/api/v1/threads/" + id + "/posts", Map.of("body", "消す返信"), asker.token()).json().get("id").asString();
        api.delete("/api/v1/posts/" + reply, null, asker.token());
        var pages = signedInClient("asker-e@example.com");
        // when the question is accepted as its own answer (422) and the deleted reply is liked (409)
        var refused = submit(pages, "/t/" + id, "/t/" + id + "/accept", "postId=" + opening);
        var conflict = submit(pages, "/t/" + id, "/posts/" + reply + "/react", "type=like");
        // then each error page says what happened, not that the server failed
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("受け付けられません").doesNotContain("エラーが発生しました");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body()).contains("再読み込み").doesNotContain("エラーが発生しました");
    }

    @Test
    void theAcceptedAnswerShowsUnderTheQuestionWhateverPageItIsOn() {
        // given a question with more replies than one page shows
        adminWithSpace("long");
        var asker = api.member("asker-long@example.com", "Asker");
        var helper = api.member("helper-long@example.com", "Helper");
        String id = thread(asker, "long", "question");
        String opening = api.get("/api/v1/threads/" + id + "/posts").json().get("items").get(0).get("id").asString();
        var replies = new ArrayList<String>();
        for (int i = 0; i < 101; i++) {
            replies.add(api.post("/api/v1/threads/" + id + "/posts", Map.of("body", "返信 " + i), helper.token()).json().get("id").asString());
        }
        var pages = signedInClient("asker-long@example.com");
        var matcher = Pattern.compile("/t/" + id + "\\?cursor=([^\"]+)\"").matcher(pages.get("/t/" + id).body());
        assertThat(matcher.find()).isTrue();
        String second = "/t/" + id + "?cursor=" + matcher.group(1);
        // then the second page's first reply is a reply like any other: the asker may accept it
        assertThat(pages.get(second).body()).contains("name=\"postId\" value=\"" + replies.get(99) + "\"");
        // when the asker accepts the last reply, on the second page
        api.post("/api/v1/threads/" + id + "/accepted-answer", Map.of("postId", replies.get(100)), asker.token());
        // then the first page shows it right under the question, and the second page shows no question of its own
        String first = api.get("/t/" + id).body();
        assertThat(first).contains("id=\"accepted-" + replies.get(100) + "\"");
        assertThat(first.indexOf("id=\"post-" + opening + "\"")).isNotNegative().isLessThan(first.indexOf("id=\"accepted-"));
        assertThat(api.get(second).body()).doesNotContain("accepted-heading").contains("id=\"post-" + replies.get(99) + "\"");
    }

    @Test
    void aLockedThreadOffersItsReplyBoxToStaffOnly() {
        // given a locked thread
        var admin = adminWithSpace("locked");
        String id = thread(admin, "locked", "discussion");
        api.member("member-lk@example.com", "Member");
        api.post("/api/v1/threads/" + id + "/lock", Map.of("value", true), admin.token());
        // then a member sees that it is locked instead of a reply box, and staff still get one
        var member = signedInClient("member-lk@example.com").get("/t/" + id).body();
        assertThat(member).doesNotContain("action=\"/t/" + id + "/reply\"").contains("id=\"reply-locked\"");
        assertThat(signedInClient("admin-locked@example.com").get("/t/" + id).body()).contains("action=\"/t/" + id + "/reply\"");
    }

    @Test
    void ideasOfferVisitorsALinkToLogInAndVote() {
        String id = thread(adminWithSpace("ideas-v"), "ideas-v", "idea");
        assertThat(api.get("/t/" + id).body()).contains("<a href=\"/login?next=/t/" + id + "\">ログインして投票する</a>");
    }

    @Test
    void aSpacePagePastTheLastThreadSaysSoAndLinksToTheFirst() {
        thread(adminWithSpace("ended"), "ended", "discussion");
        String cursor = PageRequest.encode(false, OffsetDateTime.parse("2000-01-01T00:00Z"), 1);
        var page = api.get("/s/ended?cursor=" + cursor).body();
        assertThat(page).doesNotContain("まだスレッドがありません").contains("これ以上スレッドはありません").contains("<a href=\"/s/ended\">");
    }

    @Test
    void thePreviewButtonWaitsForTheScriptLikeTheAttachBox() {
        adminWithSpace("preview");
        String html = signedInClient("admin-preview@example.com").get("/s/preview/new").body();
        int box = html.indexOf("data-attach-for=\"#body\"");
        String scriptOnly = html.substring(box, html.indexOf("</div>", box));
        assertThat(scriptOnly).contains(" hidden").contains("data-preview=\"#body\"");
    }

    @Test
    void aThreadWithAHiddenAndADeletedReplyStillShows() {
        // given a thread with one reply hidden by a moderator and another deleted by its author
        String id = thread(adminWithSpace("mixed"), "mixed", "discussion");
        var member = api.member("member-mixed@example.com", "Member");
        String hidden = api.post("/api/v1/threads/" + id + "/posts", Map.of("body", "隠された返信"), member.token()).json().get("id").asString();
        String deleted = api.post("/api/v1/threads/" + id + "/posts", Map.of("body", "消した返信"), member.token()).json().get("id").asString();
        api.delete("/api/v1/posts/" + deleted, null, member.token());
        jdbc.sql("update community_posts set moderation = 'hidden' where id = :id").param("id", Long.parseLong(hidden)).update();
        // then visitors get the page without the hidden reply and with the deleted one's placeholder
        var page = api.get("/t/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("隠された返信").contains("id=\"post-" + deleted + "\"");
    }
}
