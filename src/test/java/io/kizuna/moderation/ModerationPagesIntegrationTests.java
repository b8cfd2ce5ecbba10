package io.kizuna.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api;
import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The staff pages' forms (settings, a member's trust level, the thread tools of an ambassador) with the session cookie
 * and CSRF, and accepting the guidelines at sign-up (page and API).
 */
class ModerationPagesIntegrationTests extends IntegrationTestBase {

    private Api.Response form(Api client, String page, String action, String body) {
        var csrf = client.get(page).csrf();
        return client.raw("POST", action, "application/x-www-form-urlencoded", "_csrf=" + enc(csrf) + (body.isEmpty() ? "" : "&" + body));
    }

    @Test
    void adminsChangeSettingsOnTheSettingsPage() {
        var admin = withRole("admin-mp@example.com", "admin");
        var pages = signedInClient("admin-mp@example.com");
        // a banned word added through the form
        var added = form(pages, "/moderation/settings", "/moderation/settings/words", "word=" + enc("禁句") + "&action=refuse&message=" + enc("使えません"));
        assertThat(added.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/moderation/banned-words", admin.token()).body()).contains("禁句");
        // a bad option comes back as a 400 page with the field's error, and nothing changed
        var refused = form(pages, "/moderation/settings", "/moderation/settings/options", "firstResponseMinutes=abc&flagHoldWeight=5");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("範囲外の値です");
        assertThat(api.get("/api/v1/moderation/options", admin.token()).json().get("firstResponseMinutes").asInt()).isEqualTo(60);
        // a good one is saved
        assertThat(form(pages, "/moderation/settings", "/moderation/settings/options", "firstResponseMinutes=30").status()).isEqualTo(302);
        assertThat(api.get("/api/v1/moderation/options", admin.token()).json().get("firstResponseMinutes").asInt()).isEqualTo(30);
        // thresholds that go down are refused; a route and a grant are saved
        var thresholds = "l1.daysVisited=9&l1.postsRead=30&l1.postsMade=0&l1.likesReceived=0&l1.sanctionFreeDays=0"
            + "&l2.daysVisited=1&l2.postsRead=100&l2.postsMade=3&l2.likesReceived=1&l2.sanctionFreeDays=0"
            + "&l3.daysVisited=50&l3.postsRead=500&l3.postsMade=10&l3.likesReceived=20&l3.sanctionFreeDays=90"
            + "&l4.daysVisited=100&l4.postsRead=2000&l4.postsMade=50&l4.likesReceived=100&l4.sanctionFreeDays=180";
        assertThat(form(pages, "/moderation/settings", "/moderation/settings/thresholds", thresholds).status()).isEqualTo(400);
        assertThat(form(pages, "/moderation/settings", "/moderation/settings/routes", "code=legal&name=" + enc("法務") + "&staffIds=" + admin.id())
            .status()).isEqualTo(302);
        assertThat(api.get("/api/v1/moderation/routes", admin.token()).body()).contains("法務");
        api.put("/api/v1/moderation/options", Map.of(), admin.token());
    }

    @Test
    void theSettingsFormsRefuseModeratorsAndRequestsWithoutCsrf() {
        withRole("mod-mp@example.com", "moderator");
        var pages = signedInClient("mod-mp@example.com");
        var csrf = pages.get("/moderation").csrf();
        assertThat(pages.raw("POST", "/moderation/settings/words", "application/x-www-form-urlencoded",
            "_csrf=" + enc(csrf) + "&word=x&action=hold").status()).isEqualTo(403);
        withRole("admin-mp2@example.com", "admin");
        var admin = signedInClient("admin-mp2@example.com");
        assertThat(admin.raw("POST", "/moderation/settings/words", "application/x-www-form-urlencoded", "word=x&action=hold").status()).isEqualTo(403);
    }

    @Test
    void aModeratorSetsATrustLevelOnTheMembersPage() {
        var moderator = withRole("mod-mp3@example.com", "moderator");
        var member = api.member("member-mp3@example.com", "Member");
        var pages = signedInClient("mod-mp3@example.com");
        var page = "/moderation/members/" + member.id();
        assertThat(pages.get(page).body()).contains("TL0");
        assertThat(form(pages, page, page + "/trust", "level=3&note=" + enc("頼れる人") + "&op=override").status()).isEqualTo(302);
        assertThat(api.get("/api/v1/moderation/trust/members/" + member.id(), moderator.token()).json().get("level").asInt()).isEqualTo(3);
        assertThat(form(pages, page, page + "/trust", "level=9&op=override").status()).isEqualTo(400);
        assertThat(api.get("/u/" + member.id()).body()).contains("TL3");
    }

    @Test
    void anAmbassadorClosesAnOffTopicThreadFromItsPage() {
        var admin = withRole("admin-mp4@example.com", "admin");
        withRole("amb-mp4@example.com", "ambassador");
        var author = api.member("author-mp4@example.com", "Author");
        api.post("/api/v1/spaces", Map.of("slug", "mp4", "name", "MP4", "visibility", "public"), admin.token());
        String thread = api.post("/api/v1/spaces/mp4/threads", Map.of("title", "関係ない話", "body", "本文", "kind", "discussion"), author.token())
            .json().get("id").asString();
        var pages = signedInClient("amb-mp4@example.com");
        var view = pages.get("/t/" + thread).body();
        assertThat(view).contains("id=\"close-off-topic\"").doesNotContain("value=\"lock\"");
        assertThat(form(pages, "/t/" + thread, "/t/" + thread + "/staff", "action=close").status()).isEqualTo(302);
        assertThat(api.get("/t/" + thread).body()).contains("話題外のためクローズされました");
        assertThat(form(pages, "/t/" + thread, "/t/" + thread + "/staff", "action=unlock").status()).isEqualTo(403);
    }

    @Test
    void newMembersAcceptTheGuidelinesAtSignUp() {
        var admin = withRole("admin-mp5@example.com", "admin");
        api.post("/api/v1/spaces", Map.of("slug", "mp5", "name", "MP5", "visibility", "public"), admin.token());
        String thread = api.post("/api/v1/spaces/mp5/threads", Map.of("title", "題", "body", "本文", "kind", "discussion"), admin.token())
            .json().get("id").asString();
        int version = api.post("/api/v1/guidelines", Map.of("body", "互いに敬意を。", "material", true), admin.token()).json().get("version").asInt();
        // the API: a member who accepted at sign-up posts at once
        assertThat(api.post("/api/v1/auth/signup", Map.of("email", "api-mp5@example.com", "password", "correct-horse-1", "displayName", "API",
            "acceptedGuidelinesVersion", version)).status()).isEqualTo(201);
        var accepted = api.login("api-mp5@example.com", "correct-horse-1");
        assertThat(api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "よろしく"), accepted.token()).status()).isEqualTo(201);
        // one who did not must accept first
        Member later = api.member("later-mp5@example.com", "Later");
        assertThat(api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "よろしく"), later.token()).status()).isEqualTo(403);
        // a version that was never published is a 400 and makes no account
        assertThat(api.post("/api/v1/auth/signup", Map.of("email", "bad-mp5@example.com", "password", "correct-horse-1", "displayName", "Bad",
            "acceptedGuidelinesVersion", version + 5)).status()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from identity_users where email = 'bad-mp5@example.com'").query(Long.class).single()).isZero();
        // the page asks for the box to be ticked
        var visitor = new Api("http://127.0.0.1:" + port);
        var signup = visitor.get("/signup");
        assertThat(signup.body()).contains("name=\"acceptGuidelines\"").contains("第" + version + "版");
        var body = "email=" + enc("page-mp5@example.com") + "&password=correct-horse-1&displayName=Page";
        assertThat(visitor.raw("POST", "/signup", "application/x-www-form-urlencoded", "_csrf=" + enc(signup.csrf()) + "&" + body).status()).isEqualTo(400);
        assertThat(visitor.raw("POST", "/signup", "application/x-www-form-urlencoded", "_csrf=" + enc(signup.csrf()) + "&" + body
            + "&acceptGuidelines=" + version).status()).isEqualTo(302);
        var page = api.login("page-mp5@example.com", "correct-horse-1");
        assertThat(api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "ページから"), page.token()).status()).isEqualTo(201);
        // later tests in this class start without guidelines to accept
        jdbc.sql("delete from moderation_guideline_acceptances").update();
        jdbc.sql("delete from moderation_guidelines").update();
    }

    @Test
    void aSuspendedMemberCannotWriteThroughThePagesButStillReads() {
        var admin = withRole("admin-mp6@example.com", "admin");
        var moderator = withRole("mod-mp6@example.com", "moderator");
        var member = api.member("member-mp6@example.com", "Member");
        api.post("/api/v1/spaces", Map.of("slug", "mp6", "name", "MP6", "visibility", "public"), admin.token());
        String thread = api.post("/api/v1/spaces/mp6/threads", Map.of("title", "題", "body", "本文", "kind", "discussion"), admin.token())
            .json().get("id").asString();
        var c = api.post("/api/v1/reports", Map.of("targetType", "member", "targetId", member.id(), "reason", "spam"), admin.token())
            .json().get("caseId").asString();
        assertThat(api.post("/api/v1/moderation/reports/" + c + "/actions", Map.of("action", "suspend", "days", 3), moderator.token()).status())
            .isEqualTo(200);
        var pages = signedInClient("member-mp6@example.com");
        var refused = form(pages, "/t/" + thread, "/t/" + thread + "/reply", "body=" + enc("停止中でも書きたい"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(form(pages, "/t/" + thread, "/moderation/report", "targetType=member&targetId=" + admin.id() + "&reason=spam").status())
            .isEqualTo(302); // reporting is not writing content
        assertThat(jdbc.sql("select count(*) from community_posts where body = '停止中でも書きたい'").query(Long.class).single()).isZero();
        assertThat(pages.get("/t/" + thread).status()).isEqualTo(200);
    }
}
