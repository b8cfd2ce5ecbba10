package io.kizuna.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.platform.DemoSeeder;
import io.kizuna.support.IntegrationTestBase;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo reviews, questions and gallery on the demo store, seeded through the real services, once. */
class ReviewsDemoIntegrationTests extends IntegrationTestBase {
    @Autowired
    List<DemoSeeder> seeders;

    @Test
    void seedsReviewsWithPhotosQuestionsAndFeaturedPhotosOnTheDemoStore() {
        // given: the demo members and store (the community demo is left out: it is not needed and slow)
        var needed = seeders.stream().filter(s -> Set.of(0, 30, 40).contains(s.order())).sorted(Comparator.comparingInt(DemoSeeder::order)).toList();
        assertThat(needed).hasSize(3);
        // when
        needed.forEach(DemoSeeder::seed);
        needed.forEach(DemoSeeder::seed);
        // then
        assertThat(count("reviews")).isEqualTo(8);
        var page = api.get("/api/v1/products/ethiopia-yirgacheffe/reviews?sort=helpful").json();
        assertThat(page.get("summary").get("count").asInt()).isEqualTo(3);
        assertThat(page.get("summary").get("average").decimalValue()).isEqualByComparingTo("4.7");
        var top = page.get("items").get(0);
        assertThat(top.get("verifiedPurchase").asBoolean()).isTrue();
        assertThat(top.get("photos").size()).isEqualTo(1);
        assertThat(top.get("reply").get("body").asString()).contains("ありがとう");
        assertThat(page.toString()).contains("\"incentivized\":true");
        var qa = api.get("/api/v1/products/hand-mill/questions").json().get("items").get(0);
        assertThat(qa.get("solved").asBoolean()).isTrue();
        assertThat(qa.get("bestAnswer").get("official").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/gallery?featured=true").json().get("items").size()).isEqualTo(2);
        assertThat(api.get("/").body()).contains("休日の朝はイルガチェフェ");
        assertThat(api.get("/store/ethiopia-yirgacheffe").body()).contains("id=\"review-average\">4.7<", "aggregateRating");
    }
}
