package io.kizuna.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Browser;
import io.kizuna.support.IntegrationTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/**
 * A member reports a post, a moderator hides it from the queue page, its author sees the notice and appeals, another
 * moderator overturns the action and the post is back for everyone.
 */
class ModerationBrowserTests extends IntegrationTestBase {

    @Test
    void reportHideNoticeAppealRestore() {
        var admin = withRole("admin-mb@example.com", "admin");
        withRole("mod-mb@example.com", "moderator");
        withRole("mod2-mb@example.com", "moderator");
        var reader = api.member("reader-mb@example.com", "読む人");
        var author = api.member("author-mb@example.com", "書いた人");
        api.post("/api/v1/spaces", Map.of("slug", "lounge", "name", "ラウンジ", "visibility", "public"), admin.token());
        var thread = api.post("/api/v1/spaces/lounge/threads", Map.of("title", "雑談", "body", "なんでもどうぞ", "kind", "discussion"), reader.token())
            .json().get("id").asString();
        var post = api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "あの人の住所は東京都……"), author.token()).json().get("id").asString();
        String base = "http://localhost:" + port;

        // a member reports the post from the thread page
        try (var b = new Browser(base, "ja")) {
            b.signIn(reader.email());
            b.open("/t/" + thread);
            b.click("#post-" + post + " details.report summary");
            new Select(b.find("#reason-post-" + post)).selectByValue("personal_info");
            b.type("#note-post-" + post, "住所が書かれています");
            b.click("#post-" + post + " details.report button[type=submit]");
            b.waitForPath("/t/" + thread + "?reported");
        }
        // a moderator hides it from the queue page
        try (var b = new Browser(base, "ja")) {
            b.signIn("mod-mb@example.com");
            b.open("/moderation");
            assertThat(b.find("table.queue").getText()).contains("個人情報の暴露").contains("あの人の住所");
            b.click("tr[data-case] a");
            b.waitForPath("/moderation/cases/");
            assertThat(b.find("#case-content").getText()).contains("あの人の住所");
            new Select(b.find("#action")).selectByValue("hide");
            b.type("#note", "個人情報の掲載は禁止です");
            b.click("#act-form button[type=submit]");
            assertThat(b.find("#case-done").getText()).contains("対応済み");
        }
        // readers no longer see it
        try (var b = new Browser(base, "ja")) {
            b.signIn(reader.email());
            b.open("/t/" + thread);
            assertThat(b.text()).doesNotContain("あの人の住所");
        }
        // its author sees it with the notice, and appeals
        try (var b = new Browser(base, "ja")) {
            b.signIn(author.email());
            b.open("/t/" + thread);
            assertThat(b.find("#post-" + post + " .moderation-notice").getText()).contains("個人情報の掲載は禁止です");
            b.click("#post-" + post + " .moderation-notice a");
            b.waitForPath("/moderation/mine");
            b.click("li[data-action] a");
            b.waitForPath("/moderation/appeals/new");
            b.type("#appeal-body", "住所ではなく店舗の所在地です");
            b.click("form[action='/moderation/appeals/new'] button[type=submit]");
            b.waitForPath("/moderation/mine");
            assertThat(b.text()).contains("判断待ち");
        }
        // another moderator overturns it
        try (var b = new Browser(base, "ja")) {
            b.signIn("mod2-mb@example.com");
            b.open("/moderation/appeals");
            assertThat(b.find("[data-appeal] blockquote").getText()).contains("店舗の所在地");
            b.click("[data-appeal] button[value=overturn]");
            b.waitForPath("/moderation/appeals?decided");
            assertThat(b.text()).contains("判断待ちの異議申し立てはありません");
        }
        // and the post is back for everyone
        try (var b = new Browser(base, "ja")) {
            b.open("/t/" + thread);
            assertThat(b.find("#post-" + post + " .post-body").getText()).contains("あの人の住所");
        }
    }
}
