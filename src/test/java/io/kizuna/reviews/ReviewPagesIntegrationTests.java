package io.kizuna.reviews;

import static io.kizuna.reviews.ReviewFixtures.product;
import static io.kizuna.reviews.ReviewFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The reviews section of product pages: server-rendered, JSON-LD, forms with CSRF and errors, staff tools. */
class ReviewPagesIntegrationTests extends IntegrationTestBase {
    private static int n;
    private Member admin;
    private String slug;

    @BeforeEach
    void catalog() {
        n++;
        admin = withRole("admin-p" + n + "@example.com", "admin");
        slug = "page-" + n;
        product(api, admin.token(), slug, "PAGE-" + n, "public");
    }

    @Test
    void productPageShowsReviewsSummaryAndJsonLd() {
        var m = api.member("w" + n + "@example.com", "書く人");
        api.post("/api/v1/products/" + slug + "/reviews", review(4, "おいしい </script><script>alert(1)</script> です"), m.token());
        var page = api.get("/store/" + slug);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"reviews\"", "id=\"review-average\">4.0<", "1件のレビュー");
        // user text is escaped in the HTML and cannot end the JSON-LD script
        assertThat(page.body()).doesNotContain("<script>alert(1)</script>");
        var m2 = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL).matcher(page.body());
        assertThat(m2.find()).isTrue();
        var ld = JsonMapper.builder().build().readTree(m2.group(1));
        assertThat(ld.get("@type").asString()).isEqualTo("Product");
        assertThat(ld.get("aggregateRating").get("ratingValue").decimalValue()).isEqualByComparingTo("4.0");
        assertThat(ld.get("aggregateRating").get("reviewCount").asInt()).isEqualTo(1);
        assertThat(ld.get("review").get(0).get("reviewRating").get("ratingValue").asInt()).isEqualTo(4);
        assertThat(ld.get("review").get(0).get("reviewBody").asString()).contains("</script>");
        assertThat(ld.get("offers").get(0).get("priceCurrency").asString()).isEqualTo("JPY");
    }

    @Test
    void emptyProductShowsTheEmptyStateAndNoRating() {
        var page = api.get("/store/" + slug);
        assertThat(page.body()).contains("id=\"no-reviews\"").doesNotContain("aggregateRating");
        var en = api.get("/store/" + slug + "?lang=en");
        assertThat(en.body()).contains("No reviews yet");
    }

    @Test
    void visitorsShareOneRenderedSectionThatAWriteReplacesAtOnce() {
        assertThat(api.get("/store/" + slug + "?lang=ja").body()).contains("id=\"no-reviews\"");
        assertThat(api.get("/store/" + slug + "?lang=en").body()).contains("No reviews yet");
        var m = api.member("v" + n + "@example.com", "訪問者テスト");
        api.post("/api/v1/products/" + slug + "/reviews", review(5, "すぐに見えるはずのレビューです。"), m.token());
        // (each request names its language: ?lang= also sets the visitor's language cookie)
        // the write moved the product's generation: the next visitor sees it without waiting for the cache to age
        assertThat(api.get("/store/" + slug + "?lang=ja").body()).contains("すぐに見えるはずのレビューです。", "1件のレビュー").doesNotContain("id=\"no-reviews\"");
        assertThat(api.get("/store/" + slug + "?lang=en").body()).contains("すぐに見えるはずのレビューです。").doesNotContain("No reviews yet");
        // a signed-in member never gets the visitors' section: theirs has their own review and its edit form
        assertThat(signedInClient("v" + n + "@example.com").get("/store/" + slug).body()).contains("id=\"my-review\"");
        assertThat(api.get("/store/" + slug + "?lang=ja").body()).doesNotContain("id=\"my-review\"").contains("id=\"write-review\"");
    }

    @Test
    void writeFormPostsWithCsrfAndShowsErrorsWith400() {
        api.member("form" + n + "@example.com", "フォーム");
        var client = signedInClient("form" + n + "@example.com");
        var page = client.get("/store/" + slug);
        assertThat(page.body()).contains("id=\"write-review\"");
        String csrf = page.csrf();
        // without the token: refused
        assertThat(client.raw("POST", "/store/" + slug + "/reviews", "application/x-www-form-urlencoded", "rating=5&body=" + enc("十分な長さの本文です。")).status())
            .isEqualTo(403);
        var bad = client.raw("POST", "/store/" + slug + "/reviews", "application/x-www-form-urlencoded",
            "_csrf=" + enc(csrf) + "&rating=9&body=" + enc("短い"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("評価は1〜5の整数で選んでください。", "レビューは10文字以上で書いてください。", "短い");
        var ok = client.raw("POST", "/store/" + slug + "/reviews", "application/x-www-form-urlencoded",
            "_csrf=" + enc(csrf) + "&rating=5&title=" + enc("最高") + "&body=" + enc("十分な長さの本文です。"));
        assertThat(ok.status()).isEqualTo(302);
        assertThat(client.get("/store/" + slug).body()).contains("id=\"my-review\"", "最高");
    }

    @Test
    void staffReplyAndLabelFromThePageAndMembersCannot() {
        var author = api.member("a" + n + "@example.com", "著者");
        String id = api.post("/api/v1/products/" + slug + "/reviews", review(3, "普通においしいです。"), author.token()).json().get("id").asString();
        var member = signedInClient("a" + n + "@example.com");
        String csrf = member.get("/store/" + slug).csrf();
        assertThat(member.raw("POST", "/store/" + slug + "/reviews/" + id + "/label", "application/x-www-form-urlencoded",
            "_csrf=" + enc(csrf) + "&incentivized=true").status()).isEqualTo(403);
        var staff = signedInClient("admin-p" + n + "@example.com");
        String staffCsrf = staff.get("/store/" + slug).csrf();
        assertThat(staff.raw("POST", "/store/" + slug + "/reviews/" + id + "/reply", "application/x-www-form-urlencoded",
            "_csrf=" + enc(staffCsrf) + "&body=" + enc("ありがとうございます")).status()).isEqualTo(302);
        assertThat(staff.raw("POST", "/store/" + slug + "/reviews/" + id + "/label", "application/x-www-form-urlencoded",
            "_csrf=" + enc(staffCsrf) + "&incentivized=true").status()).isEqualTo(302);
        var page = api.get("/store/" + slug).body();
        assertThat(page).contains("ショップからの返信", "ありがとうございます", "pr-label");
    }

    @Test
    void sortFilterAndMoreLinksPageThroughReviews() {
        for (int i = 0; i < 12; i++) {
            var m = api.member("many" + n + "-" + i + "@example.com", "m" + i);
            api.post("/api/v1/products/" + slug + "/reviews", review(1 + i % 5, "レビュー本文その" + i + "です。"), m.token());
        }
        var first = api.get("/store/" + slug).body();
        assertThat(first).contains("id=\"more-reviews\"").contains("その11です").doesNotContain("その1です");
        var href = Pattern.compile("id=\"more-reviews\"|href=\"([^\"]*rcursor[^\"]*)\"").matcher(first);
        String more = null;
        while (href.find()) if (href.group(1) != null) more = href.group(1).replace("&amp;", "&");
        var second = api.get(more).body();
        assertThat(second).contains("その1です").contains("その0です").doesNotContain("id=\"more-reviews\"");
        var fives = api.get("/store/" + slug + "?rstars=5").body();
        assertThat(fives).contains("その4です", "その9です").doesNotContain("その3です");
        // a tampered parameter shows the default list, not an error
        assertThat(api.get("/store/" + slug + "?rsort=zzz&rcursor=bad!cursor").status()).isEqualTo(200);
    }

    @Test
    void membersOnlyProductPageAndItsReviewFormsAreHiddenFromVisitors() {
        product(api, admin.token(), "club-" + n, "CLUB-" + n, "members");
        assertThat(api.get("/store/club-" + n).status()).isEqualTo(404);
        var member = api.member("club" + n + "@example.com", "会員");
        assertThat(api.post("/api/v1/products/club-" + n + "/reviews", review(5, "会員だけの豆、最高です。"), member.token()).status()).isEqualTo(201);
        assertThat(api.get("/api/v1/products/club-" + n + "/reviews").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/products/club-" + n + "/reviews", member.token()).json().get("summary").get("count").asInt()).isEqualTo(1);
    }

    @Test
    void helpfulButtonOnThePageCountsTheVote() {
        var author = api.member("h" + n + "@example.com", "著者");
        String id = api.post("/api/v1/products/" + slug + "/reviews", review(5, "とても良い豆でした！"), author.token()).json().get("id").asString();
        api.member("reader" + n + "@example.com", "読者");
        var reader = signedInClient("reader" + n + "@example.com");
        String csrf = reader.get("/store/" + slug).csrf();
        var r = reader.raw("POST", "/store/" + slug + "/reviews/" + id + "/helpful", "application/x-www-form-urlencoded", "_csrf=" + enc(csrf) + "&helpful=true");
        assertThat(r.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/reviews/" + id).json().get("helpfulCount").asInt()).isEqualTo(1);
        assertThat(reader.get("/store/" + slug).body()).contains("aria-pressed=\"true\"");
        // and the author's own page has no helpful button on their review
        var own = signedInClient("h" + n + "@example.com").get("/store/" + slug).body();
        assertThat(own).doesNotContain("/reviews/" + id + "/helpful");
    }
}
