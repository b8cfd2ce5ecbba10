package io.kizuna.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Browser;
import io.kizuna.support.IntegrationTestBase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

/** In a real browser: the header's unread count changes while the page is open, and the follow button follows. */
class NotificationBrowserTests extends IntegrationTestBase {

    @Test
    void theUnreadBadgeUpdatesLiveAndTheFollowButtonFollows() {
        var admin = withRole("admin-nb@example.com", "admin");
        var asker = api.member("asker-nb@example.com", "聞く人");
        var helper = api.member("helper-nb@example.com", "答える人");
        api.post("/api/v1/spaces", Map.of("slug", "live", "name", "ライブ", "visibility", "public"), admin.token());
        String thread = api.post("/api/v1/spaces/live/threads", Map.of("title", "通知のテスト", "body", "本文", "kind", "question"), asker.token())
            .json().get("id").asString();
        try (var browser = new Browser("http://localhost:" + port, "ja")) {
            browser.signIn(asker.email());
            browser.open("/s/live");
            var follow = browser.find("[data-follow]");
            new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> follow.isDisplayed());
            assertThat(follow.getText()).isEqualTo("このスペースをフォロー");
            follow.click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> "true".equals(follow.getAttribute("aria-pressed")));
            assertThat(api.get("/api/v1/spaces/live/follow", asker.token()).json().get("following").asBoolean()).isTrue();

            var badge = browser.find("[data-unread-count]");
            assertThat(badge.isDisplayed()).isFalse();
            api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "答えです"), helper.token());
            var number = browser.find("[data-unread-number]");
            new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> badge.isDisplayed() && "1".equals(number.getText()));
            assertThat(browser.find("[data-unread-label]").getAttribute("textContent")).as("what a screen reader hears").isEqualTo("未読 1 件");
            assertThat(browser.find("a.bell").getAttribute("textContent")).isEqualTo("通知1未読 1 件");
            browser.click("a.bell");
            browser.waitForPath("/notifications");
            assertThat(browser.text()).contains("答える人さんが「通知のテスト」に返信しました");
        }
    }
}
