package io.kizuna.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SearchIntegrationTests extends IntegrationTestBase {
    private static boolean seeded;
    private static Member admin;
    private static Member member;
    private static Member insider;
    private static String earphoneThread;
    private static String answerPost;

    @BeforeEach
    void seed() {
        if (seeded) return;
        seeded = true;
        admin = withRole("admin-s@example.com", "admin");
        member = api.member("member-s@example.com", "Member");
        insider = api.member("insider-s@example.com", "Insider");
        api.post("/api/v1/spaces", Map.of("slug", "support", "name", "サポート", "visibility", "public"), admin.token());
        api.post("/api/v1/spaces", Map.of("slug", "vip", "name", "VIP", "visibility", "private"), admin.token());
        api.post("/api/v1/spaces/vip/members", Map.of("userId", insider.id()), admin.token());
        earphoneThread = api.post("/api/v1/spaces/support/threads", Map.of("title", "ワイヤレスイヤホンが充電できません",
            "body", "ケースに入れてもランプが点きません。", "kind", "question"), member.token()).json().get("id").asString();
        answerPost = api.post("/api/v1/threads/" + earphoneThread + "/posts", Map.of("body", "ABCモードを一度オフにしてから端子を拭いてください。"), admin.token())
            .json().get("id").asString();
        api.post("/api/v1/spaces/support/threads", Map.of("title", "イヤホンの音が小さい", "body", "音量の設定について", "kind", "question"), member.token());
        api.post("/api/v1/spaces/vip/threads", Map.of("title", "限定イヤホンの先行販売", "body", "VIPだけの話", "kind", "discussion"), insider.token());
    }

    private JsonNode search(String q, Member who) {
        var r = api.get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), who == null ? null : who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items");
    }

    private JsonNode awaitHits(String q, Member who, int atLeast) {
        return Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
            .until(() -> search(q, who), items -> items.size() >= atLeast);
    }

    @Test
    void findsJapaneseTextAcrossWidthAndKanaVariants() {
        var hits = awaitHits("ｲﾔﾎﾝ", null, 1);
        assertThat(hits.toString()).contains(earphoneThread);
        assertThat(awaitHits("いやほん", null, 1).toString()).contains(earphoneThread);
        assertThat(awaitHits("充電", null, 1).get(0).get("id").asString()).isEqualTo(earphoneThread);
        var abc = awaitHits("ＡＢＣ", null, 1);
        assertThat(abc.get(0).get("type").asString()).isEqualTo("post");
        assertThat(abc.get(0).get("id").asString()).isEqualTo(answerPost);
        assertThat(abc.get(0).get("threadId").asString()).isEqualTo(earphoneThread);
        assertThat(abc.get(0).get("title").asString()).isEqualTo("ワイヤレスイヤホンが充電できません");
        assertThat(abc.get(0).get("snippet").asString()).contains("<mark>");
    }

    @Test
    void privateContentIsFoundOnlyByThoseWhoMaySeeIt() {
        awaitHits("先行販売", insider, 1);
        assertThat(search("先行販売", null)).isEmpty();
        assertThat(search("先行販売", member)).isEmpty();
        assertThat(search("先行販売", insider)).hasSize(1);
        assertThat(search("先行販売", admin)).hasSize(1);
    }

    @Test
    void typeFiltersAndBadInputIs400() {
        awaitHits("イヤホン", null, 2);
        assertThat(search("イヤホン", null).size()).isGreaterThanOrEqualTo(2);
        var threadsOnly = api.get("/api/v1/search?type=thread&q=" + URLEncoder.encode("ABC", StandardCharsets.UTF_8)).json().get("items");
        assertThat(threadsOnly).isEmpty();
        assertThat(api.get("/api/v1/search?q=%20").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/search").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/search?q=x&type=video").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/search?q=" + "あ".repeat(201)).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/search?q=%22%28%5B%2A%3F").status()).isEqualTo(200);
    }

    @Test
    void aWriteIsSearchableWithinOneSecondAndADeleteDisappears() {
        awaitHits("イヤホン", null, 1);
        var post = api.post("/api/v1/threads/" + earphoneThread + "/posts", Map.of("body", "朝顔の種を植えました"), member.token());
        long t0 = System.nanoTime();
        awaitHits("朝顔", null, 1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        api.delete("/api/v1/posts/" + post.json().get("id").asString(), null, member.token());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> search("朝顔", null).isEmpty());
    }

    @Test
    void similarQuestionsPutSolvedOnesFirst() {
        awaitHits("イヤホン", null, 2);
        api.post("/api/v1/threads/" + earphoneThread + "/accepted-answer", Map.of("postId", answerPost), member.token());
        var similar = Awaitility.await().atMost(Duration.ofSeconds(5)).until(
            () -> api.get("/api/v1/search/similar-questions?title=" + URLEncoder.encode("イヤホン", StandardCharsets.UTF_8)).json().get("items"),
            items -> items.size() == 2 && items.get(0).get("solved").asBoolean());
        assertThat(similar.get(0).get("id").asString()).isEqualTo(earphoneThread);
    }

    @Test
    void adminsRebuildTheIndexFromPostgres() {
        awaitHits("イヤホン", null, 2);
        assertThat(api.post("/api/v1/admin/search/rebuild", null, member.token()).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin/search/rebuild", null, admin.token()).status()).isEqualTo(202);
        awaitHits("充電", null, 1);
    }

    @Test
    void productsAreFoundByWhoeverMaySeeThem() {
        for (var product : List.of(
                Map.of("slug", "earbuds-pro", "name", "ワイヤレスイヤホン Pro", "description", "ノイズキャンセリング付き", "taxRate", "standard",
                    "visibility", "public", "variants", List.of(Map.of("sku", "EB-1", "name", "白", "price", 19800, "stock", 5))),
                Map.of("slug", "earbuds-club", "name", "会員限定イヤホン", "description", "メンバーだけの特別モデル", "taxRate", "standard",
                    "visibility", "members", "variants", List.of(Map.of("sku", "EB-2", "name", "黒", "price", 24800, "stock", 5))))) {
            assertThat(api.post("/api/v1/products", product, admin.token()).status()).isEqualTo(201);
        }
        var visitor = Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
            .until(() -> search("ｲﾔﾎﾝ", null), items -> items.toString().contains("earbuds-pro"));
        assertThat(visitor.toString()).doesNotContain("earbuds-club");
        var onlyProducts = api.get("/api/v1/search?type=product&q=" + URLEncoder.encode("イヤホン", StandardCharsets.UTF_8), member.token()).json().get("items");
        assertThat(onlyProducts).hasSize(2);
        onlyProducts.forEach(hit -> assertThat(hit.get("type").asString()).isEqualTo("product"));
        assertThat(api.get("/search?q=" + URLEncoder.encode("ノイズキャンセリング", StandardCharsets.UTF_8)).body()).contains("href=\"/store/earbuds-pro\"");
    }
}
