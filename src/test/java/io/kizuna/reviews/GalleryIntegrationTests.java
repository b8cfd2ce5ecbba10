package io.kizuna.reviews;

import static io.kizuna.reviews.ReviewFixtures.product;
import static io.kizuna.reviews.ReviewFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.moderation.ReportableContent;
import io.kizuna.support.IntegrationTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The UGC gallery: post tagged photos, like once (never one's own), staff feature, featured photos on product and home pages. */
class GalleryIntegrationTests extends IntegrationTestBase {
    @Autowired
    List<ReportableContent> reportables;

    @Test
    void memberPostsOthersLikeStaffFeatureAndPagesShowIt() {
        // given
        var admin = withRole("admin-g@example.com", "admin");
        var staff = withRole("staff-g@example.com", "moderator");
        product(api, admin.token(), "g-kettle", "G-KETTLE", "public");
        var author = api.member("author-g@example.com", "撮る人");
        var fan = api.member("fan-g@example.com", "見る人");
        String photo = upload(api, author.token());
        // when
        var posted = api.post("/api/v1/gallery", Map.of("photo", photo, "caption", "朝のハンドドリップ", "products", List.of("g-kettle")), author.token());
        // then
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        String id = posted.json().get("id").asString();
        assertThat(posted.json().get("products").get(0).get("slug").asString()).isEqualTo("g-kettle");
        assertThat(api.get("/api/v1/gallery").json().get("items").get(0).get("id").asString()).isEqualTo(id);
        // likes: once per member, not one's own
        assertThat(api.post("/api/v1/gallery/" + id + "/likes", null, author.token()).status()).isEqualTo(422);
        api.post("/api/v1/gallery/" + id + "/likes", null, fan.token());
        assertThat(api.post("/api/v1/gallery/" + id + "/likes", null, fan.token()).json().get("likeCount").asInt()).isEqualTo(1);
        // feature: staff only; then on the product page and the home page
        assertThat(api.post("/api/v1/gallery/" + id + "/feature", null, fan.token()).status()).isEqualTo(403);
        assertThat(api.get("/store/g-kettle").body()).doesNotContain("id=\"ugc-" + id + "\"");
        assertThat(api.post("/api/v1/gallery/" + id + "/feature", null, staff.token()).json().get("featured").asBoolean()).isTrue();
        assertThat(api.get("/store/g-kettle").body()).contains("id=\"ugc-" + id + "\"", "朝のハンドドリップ");
        assertThat(api.get("/").body()).contains("id=\"ugc-" + id + "\"");
        assertThat(api.get("/api/v1/gallery?featured=true&product=g-kettle").json().get("items").size()).isEqualTo(1);
        assertThat(api.get("/gallery").body()).contains("朝のハンドドリップ");
        // a report upheld hides it everywhere but for its author
        var ugc = reportables.stream().filter(r -> r.targetType().equals("ugc")).findFirst().orElseThrow();
        ugc.hide(id, "spam");
        assertThat(api.get("/").body()).doesNotContain("id=\"ugc-" + id + "\"");
        assertThat(api.get("/api/v1/gallery/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/gallery/" + id, author.token()).json().get("status").asString()).isEqualTo("hidden");
    }

    @Test
    void refusesBadPostsWithFieldErrors() {
        var admin = withRole("admin-g2@example.com", "admin");
        product(api, admin.token(), "g-club", "G-CLUB", "members");
        product(api, admin.token(), "g-open", "G-OPEN", "public");
        var m = api.member("m-g@example.com", "m");
        var other = api.member("o-g@example.com", "o");
        String mine = upload(api, m.token());
        String theirs = upload(api, other.token());
        assertThat(api.post("/api/v1/gallery", Map.of("photo", mine, "products", List.of("g-open")), null).status()).isEqualTo(401);
        assertField(api.post("/api/v1/gallery", Map.of("photo", theirs, "products", List.of("g-open")), m.token()), "photo");
        assertField(api.post("/api/v1/gallery", Map.of("photo", mine, "products", List.of()), m.token()), "products");
        assertField(api.post("/api/v1/gallery", Map.of("photo", mine, "products", List.of("g-club")), m.token()), "products[0]");
        assertField(api.post("/api/v1/gallery", Map.of("photo", mine, "products", List.of("nothing")), m.token()), "products[0]");
        assertField(api.post("/api/v1/gallery", Map.of("photo", mine, "products", List.of("g-open"), "caption", "あ".repeat(501)), m.token()), "caption");
        assertThat(api.get("/api/v1/gallery").json().get("items").size()).isZero();
        assertThat(api.get("/gallery").body()).contains("id=\"no-gallery\"");
    }

    private static void assertField(io.kizuna.support.Api.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"" + field + "\"");
    }
}
