package io.kizuna.reviews;

import static io.kizuna.reviews.ReviewFixtures.product;
import static io.kizuna.reviews.ReviewFixtures.review;
import static io.kizuna.support.Race.race;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.moderation.ReportableContent;
import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The rating summary stays equal to a recount under concurrent writes, edits, deletes and moderation. */
class ReviewSummaryIntegrationTests extends IntegrationTestBase {
    private static final String BODY = "とても良い商品でした。また買います。";

    @Autowired
    List<ReportableContent> reportables;

    private Map<String, Object> recount(String slug) {
        return jdbc.sql("""
                select count(*) as count, coalesce(sum(rating), 0) as sum, count(*) filter (where rating = 1) as s1,
                  count(*) filter (where rating = 5) as s5 from reviews where product_slug = :s and status = 'published'""")
            .param("s", slug).query().singleRow();
    }

    private Map<String, Object> stored(String slug) {
        return jdbc.sql("""
                select s.count, s.sum, s.s1, s.s5 from review_summaries s join store_products p on p.id = s.product_id where p.slug = :s""")
            .param("s", slug).query().singleRow();
    }

    private static void assertSame(Map<String, Object> stored, Map<String, Object> recount) {
        for (var k : List.of("count", "sum", "s1", "s5")) {
            assertThat(((Number) stored.get(k)).longValue()).as(k).isEqualTo(((Number) recount.get(k)).longValue());
        }
    }

    @Test
    void summaryEqualsARecountWhenManyMembersReviewOneProductAtOnce() throws Exception {
        // given
        var admin = withRole("admin@example.com", "admin");
        product(api, admin.token(), "popular", "POPULAR-1", "public");
        int members = 24;
        var tokens = new ArrayList<Member>();
        for (int i = 0; i < members; i++) tokens.add(api.member("m" + i + "@example.com", "m" + i));
        // when: everyone reviews at the same moment, then half of them change their rating and a quarter delete at once
        var created = race(tokens.stream().map(m -> (Callable<Integer>) () ->
            api.post("/api/v1/products/popular/reviews", review(1 + m.email().length() % 5, BODY), m.token()).status()).toList());
        assertThat(created).containsOnly(201);
        var ids = jdbc.sql("select id from reviews order by id").query(Long.class).list();
        var changes = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < members; i++) {
            var m = tokens.get(i);
            long id = jdbc.sql("select id from reviews where author_id = :a").param("a", Long.parseLong(m.id())).query(Long.class).single();
            if (i % 4 == 0) changes.add(() -> api.delete("/api/v1/reviews/" + id, null, m.token()).status());
            else if (i % 2 == 1) changes.add(() -> api.patch("/api/v1/reviews/" + id, Map.of("rating", 5), m.token()).status());
        }
        var hide = reportables.stream().filter(r -> r.targetType().equals("review")).findFirst().orElseThrow();
        changes.add(() -> {
            hide.hide(Long.toString(ids.get(2)), "spam");
            return 200;
        });
        var results = race(changes);
        // then
        assertThat(results).allMatch(s -> s == 200 || s == 204);
        var recount = recount("popular");
        assertSame(stored("popular"), recount);
        int hiddenAndKept = isDeleted(ids.get(2)) ? 0 : 1;
        assertThat(((Number) recount.get("count")).intValue()).isEqualTo(members - members / 4 - hiddenAndKept);
        var summary = api.get("/api/v1/products/popular/reviews").json().get("summary");
        assertThat(summary.get("count").asLong()).isEqualTo(((Number) recount.get("count")).longValue());
    }

    private boolean isDeleted(long reviewId) {
        return jdbc.sql("select count(*) from reviews where id = :id").param("id", reviewId).query(Long.class).single() == 0;
    }

    @Test
    void hiddenReviewLeavesThePageAndTheSummaryButItsAuthorStillSeesIt() {
        var admin = withRole("a2@example.com", "admin");
        var author = api.member("author@example.com", "書いた人");
        product(api, admin.token(), "hide-me", "HIDE-1", "public");
        String id = api.post("/api/v1/products/hide-me/reviews", review(1, BODY), author.token()).json().get("id").asString();
        var reviews = reportables.stream().filter(r -> r.targetType().equals("review")).findFirst().orElseThrow();
        assertThat(reviews.find(id).orElseThrow().hidden()).isFalse();
        // when
        reviews.hide(id, "spam");
        // then
        assertThat(api.get("/api/v1/products/hide-me/reviews").json().get("summary").get("count").asInt()).isZero();
        assertThat(api.get("/api/v1/reviews/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/reviews/" + id, author.token()).json().get("status").asString()).isEqualTo("hidden");
        assertThat(api.get("/api/v1/products/hide-me/reviews", author.token()).json().get("mine").get("id").asString()).isEqualTo(id);
        assertThat(reviews.find(id).orElseThrow().hidden()).isTrue();
        // restoring counts it again
        reviews.restore(id);
        assertThat(api.get("/api/v1/products/hide-me/reviews").json().get("summary").get("count").asInt()).isEqualTo(1);
    }

}
