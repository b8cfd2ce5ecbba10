package io.kizuna.reviews;

import static io.kizuna.reviews.ReviewFixtures.order;
import static io.kizuna.reviews.ReviewFixtures.product;
import static io.kizuna.reviews.ReviewFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.IntegrationTestBase;
import io.kizuna.support.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Review-request mail after delivery, over real SMTP, once per product, never for a product already reviewed. */
@TestPropertySource(properties = {"kizuna.reviews.request-days=0", "kizuna.reviews.request-interval-ms=300"})
class ReviewRequestMailIntegrationTests extends IntegrationTestBase {

    @Test
    void deliveredOrderAsksForAReviewOfEachProductNotYetReviewed() throws Exception {
        // given: an order with two products, one of which the buyer has already reviewed
        var admin = withRole("admin-mail@example.com", "admin");
        product(api, admin.token(), "mail-beans", "MAIL-BEANS", "public");
        product(api, admin.token(), "mail-kettle", "MAIL-KETTLE", "public");
        var buyer = api.member("asked@example.com", "頼まれる人");
        String first = order(api, buyer.token(), "MAIL-BEANS");
        String second = order(api, buyer.token(), "MAIL-KETTLE");
        api.post("/api/v1/products/mail-kettle/reviews", review(4, "もうレビュー済みの商品です。"), buyer.token());
        // when: both are paid, shipped and delivered
        for (String o : new String[] {first, second}) {
            api.post("/api/v1/orders/" + o + "/confirm-payment", null, admin.token());
            api.post("/api/v1/orders/" + o + "/ship", java.util.Map.of("trackingNumber", "1234"), admin.token());
            assertThat(api.post("/api/v1/orders/" + o + "/deliver", null, admin.token()).status()).isEqualTo(200);
        }
        // then: one request, for the product not yet reviewed, linking to its review form
        var mail = TestMail.await("asked@example.com", "レビューをお願いします");
        assertThat(mail.getSubject()).contains("商品 mail-beans");
        assertThat(TestMail.body(mail)).contains("頼まれる人 さま").contains("/store/mail-beans#write-review");
        Thread.sleep(1500);
        assertThat(TestMail.to("asked@example.com").stream().filter(m -> subject(m).contains("レビュー")).count()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from review_requests where sent_at is null").query(Long.class).single()).isZero();
    }

    private static String subject(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
