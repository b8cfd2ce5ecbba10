package io.kizuna.reviews;

import static io.kizuna.reviews.ReviewFixtures.order;
import static io.kizuna.reviews.ReviewFixtures.product;
import static io.kizuna.reviews.ReviewFixtures.review;
import static io.kizuna.reviews.ReviewFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReviewApiIntegrationTests extends IntegrationTestBase {
    private static final String BODY = "香りがよく、毎朝飲んでいます。";
    private static int n;
    private Member admin;
    private Member staff;
    private Member buyer;
    private String slug;
    private String sku;

    @BeforeEach
    void catalog() {
        n++;
        admin = withRole("admin" + n + "@example.com", "admin");
        staff = withRole("mod" + n + "@example.com", "moderator");
        buyer = api.member("buyer" + n + "@example.com", "買う人" + n);
        slug = "beans-" + n;
        sku = "BEANS-" + n;
        product(api, admin.token(), slug, sku, "public");
    }

    private String reviews() {
        return "/api/v1/products/" + slug + "/reviews";
    }

    @Test
    void reviewIsCreatedWithItsPhotoAndShownWithTheSummary() {
        // given
        String photo = upload(api, buyer.token());
        // when
        var r = api.post(reviews(), review(4, BODY, photo), buyer.token());
        // then
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("rating").asInt()).isEqualTo(4);
        assertThat(r.json().get("verifiedPurchase").asBoolean()).isFalse();
        assertThat(r.json().get("photos").get(0).get("url").asString()).isEqualTo("/media/" + photo);
        var list = api.get(reviews()).json();
        assertThat(list.get("items").size()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("author").get("displayName").asString()).isEqualTo("買う人" + n);
        assertThat(list.get("summary").get("count").asInt()).isEqualTo(1);
        assertThat(list.get("summary").get("average").decimalValue()).isEqualByComparingTo("4.0");
        assertThat(list.get("summary").get("histogram").get("4").asInt()).isEqualTo(1);
        assertThat(list.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void verifiedMarkIsTrueOnlyAfterAPaidOrder() {
        // given: an order that is placed but not paid
        String orderId = order(api, buyer.token(), sku);
        var r = api.post(reviews(), review(5, BODY), buyer.token());
        assertThat(r.json().get("verifiedPurchase").asBoolean()).isFalse();
        String id = r.json().get("id").asString();
        // when: staff confirm the payment
        assertThat(api.post("/api/v1/orders/" + orderId + "/confirm-payment", null, staff.token()).status()).isEqualTo(200);
        // then
        assertThat(api.get("/api/v1/reviews/" + id).json().get("verifiedPurchase").asBoolean()).isTrue();
        // and a refund takes the mark away again
        assertThat(api.post("/api/v1/orders/" + orderId + "/refund", null, staff.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/reviews/" + id).json().get("verifiedPurchase").asBoolean()).isFalse();
    }

    @Test
    void reviewAfterPaymentIsVerifiedAtOnce() {
        String orderId = order(api, buyer.token(), sku);
        api.post("/api/v1/orders/" + orderId + "/confirm-payment", null, staff.token());
        var r = api.post(reviews(), review(5, BODY), buyer.token());
        assertThat(r.json().get("verifiedPurchase").asBoolean()).isTrue();
    }

    @Test
    void refusesSecondReviewFromSameMember() {
        api.post(reviews(), review(5, BODY), buyer.token());
        var r = api.post(reviews(), review(1, BODY), buyer.token());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("type").asString()).endsWith("review-exists");
        assertThat(api.get(reviews()).json().get("summary").get("count").asInt()).isEqualTo(1);
    }

    @Test
    void refusesBadInputWithFieldErrorsAndWritesNothing() {
        String mine = upload(api, buyer.token());
        Member other = api.member("other" + n + "@example.com", "他人");
        String theirs = upload(api, other.token());
        assertBad(review(0, BODY), "rating");
        assertBad(review(6, BODY), "rating");
        var half = review(4, BODY);
        half.put("rating", 4.5);
        assertBad(half, "rating");
        assertBad(review(3, "短すぎる"), "body");
        assertBad(review(3, "あ".repeat(5001)), "body");
        assertBad(review(3, BODY, mine, mine + "x", mine + "y", mine + "z", mine + "w", mine + "v"), "photos");
        assertBad(review(3, BODY, theirs), "photos[0]");
        var noRating = review(3, BODY);
        noRating.remove("rating");
        assertBad(noRating, "rating");
        assertThat(api.raw("POST", reviews(), "application/json", "{").status()).isIn(400, 401);
        assertThat(api.post(reviews(), "{\"rating\": \"five\", \"body\": \"" + BODY + "\"}", buyer.token()).status()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from reviews where product_slug = :s").param("s", slug).query(Long.class).single()).isZero();
        // exactly the limits are fine
        assertThat(api.post(reviews(), review(5, "あ".repeat(5000), mine), buyer.token()).status()).isEqualTo(201);
    }

    private void assertBad(Map<String, Object> body, String field) {
        var r = api.post(reviews(), body, buyer.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"field\":\"" + field + "\"");
    }

    @Test
    void membersOnlyProductIsNotFoundForVisitorsAndReviewableByMembers() {
        product(api, admin.token(), "secret-" + n, "SECRET-" + n, "members");
        assertThat(api.get("/api/v1/products/secret-" + n + "/reviews").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/products/secret-" + n + "/reviews", review(5, BODY), null).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/products/nothing-" + n + "/reviews", review(5, BODY), buyer.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/products/secret-" + n + "/reviews", review(5, BODY), buyer.token()).status()).isEqualTo(201);
    }

    @Test
    void helpfulVotesCountOncePerMemberAndNeverOnOnesOwn() {
        String id = api.post(reviews(), review(5, BODY), buyer.token()).json().get("id").asString();
        Member reader = api.member("reader" + n + "@example.com", "読む人");
        // own review: 422
        var own = api.post("/api/v1/reviews/" + id + "/helpful", null, buyer.token());
        assertThat(own.status()).isEqualTo(422);
        assertThat(own.json().get("type").asString()).endsWith("own-review");
        // twice by one member counts once
        api.post("/api/v1/reviews/" + id + "/helpful", null, reader.token());
        var again = api.post("/api/v1/reviews/" + id + "/helpful", null, reader.token());
        assertThat(again.json().get("helpfulCount").asInt()).isEqualTo(1);
        assertThat(api.post("/api/v1/reviews/" + id + "/helpful", null, null).status()).isEqualTo(401);
        assertThat(api.delete("/api/v1/reviews/" + id + "/helpful", null, reader.token()).json().get("helpfulCount").asInt()).isZero();
    }

    @Test
    void sortsAndFiltersByStarsAndPhotosWithKeysetPages() {
        int[] ratings = {3, 5, 1, 5, 4};
        String firstId = null;
        for (int i = 0; i < ratings.length; i++) {
            var m = api.member("r" + n + "-" + i + "@example.com", "r" + i);
            var body = i == 2 ? review(ratings[i], BODY + i, upload(api, m.token())) : review(ratings[i], BODY + i);
            String id = api.post(reviews(), body, m.token()).json().get("id").asString();
            if (i == 0) firstId = id;
        }
        var helper = api.member("h" + n + "@example.com", "h");
        api.post("/api/v1/reviews/" + firstId + "/helpful", null, helper.token());
        // newest first, two per page, three pages
        var p1 = api.get(reviews() + "?limit=2").json();
        assertThat(p1.get("items").get(0).get("body").asString()).isEqualTo(BODY + 4);
        var p2 = api.get(reviews() + "?limit=2&cursor=" + p1.get("nextCursor").asString()).json();
        var p3 = api.get(reviews() + "?limit=2&cursor=" + p2.get("nextCursor").asString()).json();
        assertThat(p2.get("items").get(1).get("body").asString()).isEqualTo(BODY + 1);
        assertThat(p3.get("items").size()).isEqualTo(1);
        assertThat(p3.get("nextCursor").isNull()).isTrue();
        // by rating, across pages
        var r1 = api.get(reviews() + "?sort=rating&limit=3").json();
        var r2 = api.get(reviews() + "?sort=rating&limit=3&cursor=" + r1.get("nextCursor").asString()).json();
        assertThat(ratingsOf(r1)).containsExactly(5, 5, 4);
        assertThat(ratingsOf(r2)).containsExactly(3, 1);
        // most helpful first
        assertThat(api.get(reviews() + "?sort=helpful").json().get("items").get(0).get("id").asString()).isEqualTo(firstId);
        // filters
        assertThat(ratingsOf(api.get(reviews() + "?stars=5").json())).containsExactly(5, 5);
        assertThat(ratingsOf(api.get(reviews() + "?withPhotos=true").json())).containsExactly(1);
        assertThat(api.get(reviews() + "?stars=6").status()).isEqualTo(400);
        assertThat(api.get(reviews() + "?sort=random").status()).isEqualTo(400);
        assertThat(api.get(reviews() + "?cursor=garbage!").status()).isEqualTo(400);
        assertThat(api.get(reviews() + "?sort=rating&cursor=" + p1.get("nextCursor").asString()).status()).isEqualTo(400);
        var summary = p1.get("summary");
        assertThat(summary.get("count").asInt()).isEqualTo(5);
        assertThat(summary.get("average").decimalValue()).isEqualByComparingTo("3.6");
    }

    private static java.util.List<Integer> ratingsOf(tools.jackson.databind.JsonNode page) {
        var out = new java.util.ArrayList<Integer>();
        page.get("items").forEach(i -> out.add(i.get("rating").asInt()));
        return out;
    }

    @Test
    void authorEditsKeepHistoryAndMoveTheSummary() {
        String id = api.post(reviews(), review(2, BODY), buyer.token()).json().get("id").asString();
        var edit = api.patch("/api/v1/reviews/" + id, Map.of("rating", 5, "body", BODY + "（追記）"), buyer.token());
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        assertThat(edit.json().get("edited").asBoolean()).isTrue();
        var summary = api.get(reviews()).json().get("summary");
        assertThat(summary.get("average").decimalValue()).isEqualByComparingTo("5.0");
        assertThat(summary.get("histogram").get("2").asInt()).isZero();
        var history = api.get("/api/v1/reviews/" + id + "/revisions", buyer.token());
        assertThat(history.json().get(0).get("rating").asInt()).isEqualTo(2);
        assertThat(history.json().get(0).get("body").asString()).isEqualTo(BODY);
        // others may not edit or see the history
        Member other = api.member("o" + n + "@example.com", "o");
        assertThat(api.patch("/api/v1/reviews/" + id, Map.of("rating", 1), other.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/reviews/" + id + "/revisions", other.token()).status()).isEqualTo(403);
        assertThat(api.patch("/api/v1/reviews/" + id, Map.of("body", "短い"), buyer.token()).status()).isEqualTo(400);
    }

    @Test
    void prLabelIsSetByStaffAndSurvivesTheAuthorsEdits() {
        String id = api.post(reviews(), review(5, BODY), buyer.token()).json().get("id").asString();
        assertThat(api.put("/api/v1/reviews/" + id + "/label", Map.of("incentivized", true), buyer.token()).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/reviews/" + id + "/label", Map.of("incentivized", true), staff.token()).json().get("incentivized").asBoolean()).isTrue();
        // an author's edit cannot clear it, even when the body asks to
        var edit = new HashMap<String, Object>(Map.of("body", BODY + "！", "incentivized", false));
        var r = api.patch("/api/v1/reviews/" + id, edit, buyer.token());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("incentivized").asBoolean()).isTrue();
        assertThat(api.get(reviews()).json().get("items").get(0).get("incentivized").asBoolean()).isTrue();
    }

    @Test
    void staffReplyForTheBrandAndMembersMayNot() {
        String id = api.post(reviews(), review(3, BODY), buyer.token()).json().get("id").asString();
        assertThat(api.put("/api/v1/reviews/" + id + "/reply", Map.of("body", "ありがとう"), buyer.token()).status()).isEqualTo(403);
        var r = api.put("/api/v1/reviews/" + id + "/reply", Map.of("body", "ご感想ありがとうございます。"), staff.token());
        assertThat(r.json().get("reply").get("body").asString()).isEqualTo("ご感想ありがとうございます。");
        assertThat(api.put("/api/v1/reviews/" + id + "/reply", Map.of("body", ""), staff.token()).json().get("reply").isNull()).isTrue();
    }

    @Test
    void deletingTakesTheReviewOutOfTheSummaryAndAllowsANewOne() {
        String id = api.post(reviews(), review(1, BODY), buyer.token()).json().get("id").asString();
        Member other = api.member("x" + n + "@example.com", "x");
        assertThat(api.delete("/api/v1/reviews/" + id, null, other.token()).status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/reviews/" + id, null, buyer.token()).status()).isEqualTo(204);
        assertThat(api.get(reviews()).json().get("summary").get("count").asInt()).isZero();
        assertThat(api.get(reviews()).json().get("summary").get("average").isNull()).isTrue();
        assertThat(api.get("/api/v1/reviews/" + id).status()).isEqualTo(404);
        assertThat(api.post(reviews(), review(4, BODY), buyer.token()).status()).isEqualTo(201);
    }

    @Test
    void openApiDescribesTheReviewsApi() {
        var doc = api.get("/v3/api-docs").body();
        assertThat(doc).contains("/api/v1/products/{slug}/reviews", "/api/v1/reviews/{id}/helpful", "/api/v1/reviews/{id}/label");
    }
}
