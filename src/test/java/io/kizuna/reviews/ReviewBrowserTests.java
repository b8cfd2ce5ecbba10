package io.kizuna.reviews;

import static io.kizuna.reviews.ReviewFixtures.product;
import static io.kizuna.reviews.ReviewFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.media.TestImages;
import io.kizuna.support.Browser;
import io.kizuna.support.IntegrationTestBase;
import java.awt.Color;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A member buys on the pages, staff confirm the payment, the member reviews with a photo and sees it and the new average. */
class ReviewBrowserTests extends IntegrationTestBase {

    @Test
    void buyReviewWithAPhotoAndSeeTheReviewAndTheNewAverage() throws Exception {
        // given: a product with one 2-star review
        var admin = withRole("admin-rv@example.com", "admin");
        product(api, admin.token(), "beans", "BEANS-200", "public");
        var earlier = api.member("earlier@example.com", "先の人");
        api.post("/api/v1/products/beans/reviews", review(2, "少し酸味が強すぎました。"), earlier.token());
        api.member("buyer-rv@example.com", "買う人");
        var photo = Files.createTempFile("cup", ".jpg");
        Files.write(photo, TestImages.encode(TestImages.picture(320, 240, Color.ORANGE, false), "jpg"));
        try (var buyer = new Browser("http://localhost:" + port, "ja")) {
            // when: the member buys
            buyer.signIn("buyer-rv@example.com");
            buyer.open("/store/beans");
            assertThat(buyer.find("#review-average").getText()).isEqualTo("2.0");
            buyer.click("button.add-to-cart");
            buyer.waitForPath("/cart");
            buyer.checkoutToConfirmation();
            buyer.click("#place-order");
            buyer.waitForPath("/orders/");
            String orderId = buyer.driver.getCurrentUrl().replaceAll(".*/orders/", "").replaceAll("\\?.*", "");
            // and staff mark it paid
            var paid = api.post("/api/v1/orders/" + orderId + "/confirm-payment", null, admin.token());
            assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
            // and the member reviews it with a photo
            buyer.open("/store/beans");
            buyer.click("#write-review input[name=rating][value='5']");
            buyer.type("#new-title", "毎朝の一杯に");
            buyer.type("#new-body", "華やかな香りで、家族にも好評でした。");
            buyer.find("#new-photo").sendKeys(photo.toString());
            new WebDriverWait(buyer.driver, java.time.Duration.ofSeconds(10))
                .until(d -> !d.findElements(org.openqa.selenium.By.cssSelector("#write-review .photo-list input[name=photos]")).isEmpty());
            buyer.submit("#write-review button[type=submit]");
            // then: the review with its photo and verified mark, and the new average
            var mine = buyer.find("#my-review");
            assertThat(mine.getText()).contains("毎朝の一杯に").contains("華やかな香り").contains("購入者");
            assertThat(buyer.find("#my-review .review-photos img").getAttribute("src")).contains("/media/").endsWith("/thumb");
            assertThat(buyer.find("#review-average").getText()).isEqualTo("3.5");
            assertThat(buyer.find("#review-count").getText()).isEqualTo("2件のレビュー");
            assertThat(buyer.find("#review-list").getText()).contains("毎朝の一杯に").contains("少し酸味");
        }
    }
}
