package io.kizuna.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The bias monitor and the going-quiet view on a known dataset written by SQL, with the figures worked out by hand.
 *
 * <p>Space "loud", 30 days to {@link #END}: member 2001 wrote 30 posts, 2002 ten, 2003-2020 one each (58 posts); the
 * 30 days before, 2101-2110 wrote two each. Four members voted once on an idea; three reacted 6, 3 and 1 times. Space
 * "calm" has questions only: one waiting 30 hours, one 10 hours, one answered, one 40 days old.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommunityHealthIntegrationTests extends IntegrationTestBase {
    private static final String END = "2026-06-30T00:00:00Z";
    private Member admin;
    private Member moderator;
    private Member member;
    private long question;

    @BeforeAll
    void dataset() {
        api = new io.kizuna.support.Api("http://127.0.0.1:" + port);
        admin = withRole("admin-h@example.com", "admin");
        api.post("/api/v1/spaces", Map.of("slug", "loud", "name", "賑やか", "visibility", "public"), admin.token());
        api.post("/api/v1/spaces", Map.of("slug", "calm", "name", "静か", "visibility", "public"), admin.token());
        long loud = space("loud");
        long calm = space("calm");
        var end = OffsetDateTime.parse(END);
        long t = thread(loud, "discussion", "話題", 2001, end.minusDays(60), 0);
        // this period: week 0 (the last 7 days) 2 posts, weeks 1-4 fourteen each
        posts(t, 2001, 2, end.minusDays(1));
        posts(t, 2001, 14, end.minusDays(8));
        posts(t, 2001, 14, end.minusDays(15));
        posts(t, 2002, 10, end.minusDays(22));
        for (long m = 2003; m <= 2006; m++) posts(t, m, 1, end.minusDays(22));
        for (long m = 2007; m <= 2020; m++) posts(t, m, 1, end.minusDays(29));
        // the period before: ten members, two posts each
        for (long m = 2101; m <= 2110; m++) posts(t, m, 2, end.minusDays(45));
        long idea = thread(loud, "idea", "アイデア", 2001, end.minusDays(60), 0);
        for (long m = 3001; m <= 3004; m++) {
            jdbc.sql("insert into community_idea_votes (thread_id, user_id, created_at) values (:t, :u, :at)").param("t", idea).param("u", m)
                .param("at", end.minusDays(3)).update();
        }
        react(t, 3001, 6, end.minusDays(2));
        react(t, 3002, 3, end.minusDays(2));
        react(t, 3003, 1, end.minusDays(2));
        question = thread(calm, "question", "まだ答えのない質問", 2001, end.minusHours(30), 1);
        thread(calm, "question", "新しい質問", 2002, end.minusHours(10), 1);
        thread(calm, "question", "答えのある質問", 2003, end.minusHours(40), 2);
        thread(calm, "question", "古い質問", 2004, end.minusDays(40), 1);
    }

    @BeforeEach
    void members() {
        moderator = withRole("mod-h" + System.nanoTime() + "@example.com", "moderator");
        member = api.member("member-h" + System.nanoTime() + "@example.com", "Member");
        admin = api.login("admin-h@example.com", "correct-horse-1");
    }

    private long space(String slug) {
        return jdbc.sql("select id from community_spaces where slug = :s").param("s", slug).query(Long.class).single();
    }

    private long thread(long space, String kind, String title, long author, OffsetDateTime at, int postCount) {
        return jdbc.sql("insert into community_threads (space_id, kind, title, author_id, post_count, created_at, last_activity_at) "
                + "values (:s, :k, :t, :a, :c, :at, :at) returning id")
            .param("s", space).param("k", kind).param("t", title).param("a", author).param("c", postCount).param("at", at).query(Long.class).single();
    }

    private void posts(long thread, long author, int n, OffsetDateTime at) {
        jdbc.sql("insert into community_posts (thread_id, author_id, body, body_html, created_at) "
                + "select :t, :a, '本文', '<p>本文</p>', :at from generate_series(1, :n)")
            .param("t", thread).param("a", author).param("at", at).param("n", n).update();
    }

    private void react(long thread, long user, int n, OffsetDateTime at) {
        jdbc.sql("insert into community_reactions (post_id, user_id, type, created_at) "
                + "select id, :u, 'like', :at from community_posts where thread_id = :t order by id limit :n")
            .param("u", user).param("at", at).param("t", thread).param("n", n).update();
    }

    private JsonNode metric(JsonNode report, String space, String metric) {
        var s = StreamSupport.stream(report.get("spaces").spliterator(), false).filter(x -> x.get("spaceSlug").asString().equals(space)).findFirst().orElseThrow();
        return StreamSupport.stream(s.get("metrics").spliterator(), false).filter(m -> m.get("metric").asString().equals(metric)).findFirst().orElseThrow();
    }

    private JsonNode bias(Member who) {
        var r = api.get("/api/v1/moderation/health/bias?period=month&end=" + END, who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void postsFromTheTopOnePercentAndTenPercentAndTheirGini() {
        var posts = metric(bias(moderator), "loud", "posts");
        var now = posts.get("current");
        assertThat(now.get("total").asLong()).isEqualTo(58);
        assertThat(now.get("members").asInt()).isEqualTo(20);
        assertThat(now.get("top1Share").asDouble()).isEqualTo(0.5172);   // 30 / 58
        assertThat(now.get("top10Share").asDouble()).isEqualTo(0.6897);  // (30 + 10) / 58
        assertThat(now.get("gini").asDouble()).isEqualTo(0.6069);        // 704 / (20 * 58)
        // against the period before (everyone two posts): much more concentrated
        var before = posts.get("previous");
        assertThat(before.get("total").asLong()).isEqualTo(20);
        assertThat(before.get("top10Share").asDouble()).isEqualTo(0.1);
        assertThat(before.get("gini").asDouble()).isZero();
        assertThat(posts.get("top10Change").asDouble()).isEqualTo(0.5897);
        assertThat(posts.get("giniChange").asDouble()).isEqualTo(0.6069);
        assertThat(posts.get("trend").asString()).isEqualTo("rising");
        assertThat(posts.get("alert").asBoolean()).isFalse(); // under the default 0.8
    }

    @Test
    void votesAndReactionsAreMeasuredTheSameWay() {
        var report = bias(moderator);
        var votes = metric(report, "loud", "votes").get("current");
        assertThat(votes.get("total").asLong()).isEqualTo(4);
        assertThat(votes.get("top10Share").asDouble()).isEqualTo(0.25);
        assertThat(votes.get("gini").asDouble()).isZero();
        var reactions = metric(report, "loud", "reactions").get("current");
        assertThat(reactions.get("total").asLong()).isEqualTo(10);
        assertThat(reactions.get("top1Share").asDouble()).isEqualTo(0.6);
        assertThat(reactions.get("gini").asDouble()).isEqualTo(0.3333); // (−2·1 + 0·3 + 2·6) / (3 · 10)
        var calm = metric(report, "calm", "posts");
        assertThat(calm.get("current").get("members").asInt()).isZero();
        assertThat(calm.get("trend").asString()).isEqualTo("steady");
    }

    @Test
    void anAlertWhenTheTopTenPercentShareReachesTheThreshold() {
        assertThat(api.put("/api/v1/moderation/options", Map.of("biasAlertShare", 0.6), admin.token()).status()).isEqualTo(200);
        try {
            var report = bias(moderator);
            assertThat(metric(report, "loud", "posts").get("alert").asBoolean()).isTrue();
            // the votes (0.25) are under it, and four voters are under the ten members an alert needs anyway
            assertThat(metric(report, "loud", "votes").get("alert").asBoolean()).isFalse();
            assertThat(report.get("alertShare").asDouble()).isEqualTo(0.6);
        } finally {
            api.put("/api/v1/moderation/options", Map.of(), admin.token());
        }
    }

    @Test
    void postsPerWeekFallingAndQuestionsWaitingForAnAnswer() {
        var r = api.get("/api/v1/moderation/health/quiet?end=" + END, moderator.token());
        assertThat(r.status()).isEqualTo(200);
        var spaces = r.json().get("spaces");
        var loud = StreamSupport.stream(spaces.spliterator(), false).filter(s -> s.get("spaceSlug").asString().equals("loud")).findFirst().orElseThrow();
        assertThat(loud.get("weeks").toString()).isEqualTo("[2,14,14,14,14,0,20,0]");
        assertThat(loud.get("previousAverage").asDouble()).isEqualTo(14.0);
        assertThat(loud.get("falling").asBoolean()).isTrue(); // 2 < 14 · (1 − 30%)
        var calm = StreamSupport.stream(spaces.spliterator(), false).filter(s -> s.get("spaceSlug").asString().equals("calm")).findFirst().orElseThrow();
        assertThat(calm.get("falling").asBoolean()).isFalse();
        assertThat(calm.get("unansweredCount").asLong()).isEqualTo(1);
        assertThat(calm.get("unanswered").get(0).get("threadId").asString()).isEqualTo(Long.toString(question));
        assertThat(calm.get("unanswered").get(0).get("hoursWaiting").asLong()).isEqualTo(30);
        // with an 8-hour target the 10-hour-old question counts too
        api.put("/api/v1/moderation/options", Map.of("unansweredHours", 8), admin.token());
        try {
            var again = api.get("/api/v1/moderation/health/quiet?space=calm&end=" + END, moderator.token()).json().get("spaces");
            assertThat(again).hasSize(1);
            assertThat(again.get(0).get("unansweredCount").asLong()).isEqualTo(2);
        } finally {
            api.put("/api/v1/moderation/options", Map.of(), admin.token());
        }
    }

    @Test
    void healthIsForModeratorsAndBadFiltersAre400() {
        assertThat(api.get("/api/v1/moderation/health/bias", member.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/moderation/health/quiet", member.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/moderation/health/bias").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/moderation/health/bias?period=decade", moderator.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/moderation/health/bias?space=nowhere", moderator.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/moderation/health/quiet?end=yesterday", moderator.token()).status()).isEqualTo(400);
        // an end beyond PostgreSQL's years is refused like any bad time; the first four-digit year still makes a report
        for (var report : List.of("bias", "quiet")) {
            var beyond = api.get("/api/v1/moderation/health/" + report + "?end=%2B300000-01-01T00:00Z", moderator.token());
            assertThat(beyond.status()).as(beyond.toString()).isEqualTo(400);
            assertThat(beyond.json().get("type").asString()).endsWith("invalid-input");
            assertThat(api.get("/api/v1/moderation/health/" + report + "?end=0001-01-01T00:00Z", moderator.token()).status()).isEqualTo(200);
        }
        var page = api.get("/moderation/health", moderator.token());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("賑やか").contains("<meter");
    }
}
