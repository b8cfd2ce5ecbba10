package io.kizuna.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Browser;
import io.kizuna.support.IntegrationTestBase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A viewer watches a live show, asks a question the host answers live, and buys the pinned product without leaving it. */
class LiveBrowserTests extends IntegrationTestBase {

    @Test
    void aViewerAsksTheHostAnswersLiveAndTheViewerBuysThePinnedProduct() {
        var host = withRole("host-b@example.com", "admin");
        LiveFixtures.product(api, host.token(), "DRIP-1", 2200, 5);
        String show = LiveFixtures.started(api, host.token(), "ハンドドリップ講座", "DRIP-1");
        api.post("/api/v1/live-sessions/" + show + "/pins", Map.of("sku", "DRIP-1"), host.token());
        api.member("viewer-b@example.com", "見る人");
        try (var viewer = new Browser("http://localhost:" + port, "ja")) {
            var wait = new WebDriverWait(viewer.driver, Duration.ofSeconds(10));
            viewer.signIn("viewer-b@example.com");
            viewer.open("/live/" + show);
            assertThat(viewer.find("#live-state").getText()).isEqualTo("LIVE");
            wait.until(d -> viewer.find("#pinned-stock").getText().equals("残り 5 点"));
            assertThat(viewer.find("#pinned-name").getText()).contains("商品 DRIP-1");

            // a question, answered by the host while the viewer watches
            viewer.type("#chat-body", "お湯の温度は何度がいいですか？");
            new Select(viewer.find("#chat-kind")).selectByValue("question");
            viewer.click("#chat-send");
            wait.until(d -> viewer.find("#questions-open").getText().contains("お湯の温度"));
            assertThat(viewer.find("#chat").getText()).contains("お湯の温度は何度がいいですか？");
            String question = api.get("/api/v1/live-sessions/" + show + "/questions?status=open").json().get("items").get(0)
                .get("question").get("id").asString();
            api.post("/api/v1/live-sessions/" + show + "/messages", Map.of("body", "90度前後がおすすめです", "kind", "answer", "replyTo", question),
                host.token());
            api.post("/api/v1/live-sessions/" + show + "/messages/" + question + "/answered", null, host.token());
            wait.until(d -> viewer.find("#questions-answered").getText().contains("90度前後がおすすめです"));
            assertThat(viewer.find("#questions-open").getText()).doesNotContain("お湯の温度");
            assertThat(viewer.find("#answered-count").getText()).isEqualTo("1");

            // buying the pinned product in a dialog on the show's page
            viewer.click("#buy");
            viewer.type("#buy-name", "山田 花子");
            viewer.type("#buy-postalCode", "150-0001");
            new Select(viewer.find("#buy-prefecture")).selectByVisibleText("東京都");
            viewer.type("#buy-city", "渋谷区神宮前");
            viewer.type("#buy-line1", "1-2-3");
            viewer.type("#buy-phone", "03-1234-5678");
            viewer.click("#buy-confirm");
            wait.until(d -> viewer.find("#confirm-total").isDisplayed());
            assertThat(viewer.find("#confirm-total").getText()).isEqualTo("¥3,000");
            assertThat(viewer.find("#buy-step-confirm").getText()).contains("銀行振込").contains("キャンセル・返品について");
            viewer.click("#buy-place");
            wait.until(d -> viewer.find("#buy-done").getText().contains("ご注文を受け付けました"));
            assertThat(viewer.driver.getCurrentUrl()).endsWith("/live/" + show);
            viewer.click("#buy-step-done [data-close]");
            wait.until(d -> viewer.find("#pinned-stock").getText().equals("残り 4 点"));
            assertThat(viewer.driver.findElements(By.cssSelector("#chat .chat-item"))).isNotEmpty();
        }
        assertThat(jdbc.sql("select count(*) from live_orders where session_id = :s").param("s", Long.parseLong(show)).query(Long.class).single())
            .isEqualTo(1);
    }
}
