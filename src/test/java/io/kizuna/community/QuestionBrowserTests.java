package io.kizuna.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Browser;
import io.kizuna.support.IntegrationTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One member asks on the pages, another answers, the asker accepts: the question shows as solved with its answer on top. */
class QuestionBrowserTests extends IntegrationTestBase {

    @Test
    void askAnswerAccept() {
        var admin = withRole("admin-b@example.com", "admin");
        api.member("asker-b@example.com", "質問する人");
        api.member("helper-b@example.com", "答える人");
        api.post("/api/v1/spaces", Map.of("slug", "support", "name", "サポート", "visibility", "public"), admin.token());
        String threadUrl;
        try (var asker = new Browser("http://localhost:" + port, "ja")) {
            asker.signIn("asker-b@example.com");
            asker.open("/s/support");
            asker.click("a[href='/s/support/new']");
            asker.type("#title", "ワイヤレスイヤホンが充電できません");
            asker.type("#body", "ケースに入れても**ランプが点きません**。");
            asker.click("[data-preview='#body']");
            assertThat(asker.find("#body-preview strong").getText()).isEqualTo("ランプが点きません");
            asker.click("form[action='/s/support/new'] button[type=submit]");
            asker.waitForPath("/t/");
            threadUrl = asker.driver.getCurrentUrl();
            assertThat(asker.find("h1").getText()).contains("ワイヤレスイヤホンが充電できません");
        }
        try (var helper = new Browser("http://localhost:" + port, "ja")) {
            helper.signIn("helper-b@example.com");
            helper.open(threadUrl);
            helper.type("#body", "端子を乾いた布で拭くと直ることがあります。");
            helper.click("form.reply button[type=submit]");
            assertThat(helper.find(".post:nth-of-type(2) .post-body").getText()).contains("端子を乾いた布で拭く");
        }
        try (var asker = new Browser("http://localhost:" + port, "ja")) {
            asker.signIn("asker-b@example.com");
            asker.open(threadUrl);
            asker.click("button.accept");
            assertThat(asker.find("#solved").getText()).isEqualTo("解決済み");
            assertThat(asker.find(".post.accepted .post-body").getText()).contains("端子を乾いた布で拭く");

            // the solved question is found by a Japanese search, typed in half-width katakana in the header box
            asker.type("#nav-q", "ｲﾔﾎﾝ 充電");
            asker.find("#nav-q").submit();
            asker.waitForPath("/search");
            var result = asker.find("#search-results a");
            assertThat(result.getText()).isEqualTo("ワイヤレスイヤホンが充電できません");
            assertThat(asker.find("#search-results .badge").getText()).isEqualTo("解決済み");

            // and offered as a similar question to the next member who starts to ask the same thing
            asker.open("/s/support/new");
            asker.type("#title", "イヤホン 充電");
            assertThat(asker.find("#similar li a").getText()).isEqualTo("ワイヤレスイヤホンが充電できません");
            assertThat(asker.find("#similar li .badge").getText()).as("solved, in words").isEqualTo("解決済み");
        }
    }
}
