package io.kizuna.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.moderation.internal.TrustRows;
import io.kizuna.support.Api.Member;
import io.kizuna.support.ApplicationTestBase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Trust levels from activity (days visited, posts read, posts made, likes received, no recent sanctions) against the
 * thresholds admins set; staff overrides; the level-0 link rule; weighted reports holding content pending review;
 * the recompute job's SKIP LOCKED claims.
 */
class TrustLevelIntegrationTests extends ApplicationTestBase {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        configure(registry, true);
        // the background job stays out of the way; tests recompute on demand
        registry.add("kizuna.moderation.trust.initial-delay-ms", () -> "3600000");
    }

    private static int run;
    private Member admin;
    private Member moderator;
    private Member member;
    private Member fan;
    private String thread;

    @Autowired
    private TrustRows trustRows;

    @Autowired
    private TransactionTemplate tx;

    @BeforeEach
    void world() {
        run++;
        admin = withRole("admin-tl" + run + "@example.com", "admin");
        moderator = withRole("mod-tl" + run + "@example.com", "moderator");
        member = api.member("member-tl" + run + "@example.com", "Member");
        fan = api.member("fan-tl" + run + "@example.com", "Fan");
        api.post("/api/v1/spaces", Map.of("slug", "trust-" + run, "name", "Trust", "visibility", "public"), admin.token());
        thread = api.post("/api/v1/spaces/trust-" + run + "/threads", Map.of("title", "題", "body", "本文", "kind", "discussion"), admin.token())
            .json().get("id").asString();
        for (int i = 0; i < 3; i++) api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "返信 " + i), admin.token());
        // small thresholds: TL1 reads 2 posts, TL2 also posts twice and gets a like, TL3 two likes and 30 days without sanctions,
        // TL4 three of each
        var levels = List.of(
            Map.of("level", 1, "daysVisited", 1, "postsRead", 2, "postsMade", 0, "likesReceived", 0, "sanctionFreeDays", 0),
            Map.of("level", 2, "daysVisited", 1, "postsRead", 2, "postsMade", 2, "likesReceived", 1, "sanctionFreeDays", 0),
            Map.of("level", 3, "daysVisited", 1, "postsRead", 2, "postsMade", 2, "likesReceived", 2, "sanctionFreeDays", 30),
            Map.of("level", 4, "daysVisited", 1, "postsRead", 3, "postsMade", 3, "likesReceived", 3, "sanctionFreeDays", 30));
        assertThat(api.put("/api/v1/moderation/trust/thresholds", Map.of("levels", levels), admin.token()).status()).isEqualTo(200);
    }

    private JsonNode recompute(Member who) {
        var r = api.post("/api/v1/moderation/trust/members/" + who.id() + "/recompute", null, moderator.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private String post(Member who, String body) {
        var r = api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", body), who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private void like(Member who, String post) {
        assertThat(api.post("/api/v1/posts/" + post + "/reactions", Map.of("type", "like"), who.token()).status()).isIn(200, 201);
    }

    @Test
    void aNewMemberIsLevelZeroUntilTheyReadAndVisit() {
        // given a member who has not read anything
        assertThat(recompute(member).get("level").asInt()).isZero();
        // when they read the thread (4 posts) through the API, which also counts their visit today
        assertThat(api.get("/api/v1/threads/" + thread + "/posts", member.token()).status()).isEqualTo(200);
        // then they reach level 1 with exact figures, and level 2 still needs posts and likes
        var t = recompute(member);
        assertThat(t.get("level").asInt()).isEqualTo(1);
        assertThat(t.get("daysVisited").asInt()).isEqualTo(1);
        assertThat(t.get("postsRead").asInt()).isEqualTo(4);
        assertThat(t.get("postsMade").asInt()).isZero();
        assertThat(t.get("nextLevel").asInt()).isEqualTo(2);
        assertThat(t.get("nextNeeds").findValuesAsString("signal")).containsExactly("postsMade", "likesReceived");
        // and they see the same about themselves
        assertThat(api.get("/api/v1/me/trust", member.token()).json().get("level").asInt()).isEqualTo(1);
    }

    @Test
    void postsAndLikesFromOthersEarnHigherLevels() {
        api.get("/api/v1/threads/" + thread + "/posts", member.token());
        var first = post(member, "はじめまして、よろしくお願いします");
        var second = post(member, "二つ目の投稿です、ありがとうございます");
        like(member, first); // one's own like does not count
        like(fan, first);
        assertThat(recompute(member).get("level").asInt()).isEqualTo(2);
        like(moderator, second);
        var t = recompute(member);
        assertThat(t.get("likesReceived").asInt()).isEqualTo(2);
        assertThat(t.get("postsMade").asInt()).isEqualTo(2);
        assertThat(t.get("level").asInt()).isEqualTo(3);
    }

    @Test
    void aRecentSanctionHoldsLevelThreeBack() {
        api.get("/api/v1/threads/" + thread + "/posts", member.token());
        var first = post(member, "投稿その一、よろしくお願いします");
        post(member, "投稿その二、よろしくお願いします");
        like(fan, first);
        like(moderator, first);
        assertThat(recompute(member).get("level").asInt()).isEqualTo(3);
        // when a moderator warns them
        var c = api.post("/api/v1/reports", Map.of("targetType", "post", "targetId", first, "reason", "harassment"), fan.token()).json().get("caseId").asString();
        assertThat(api.post("/api/v1/moderation/reports/" + c + "/actions", Map.of("action", "warn"), moderator.token()).status()).isEqualTo(200);
        // then level 3 waits for 30 sanction-free days
        var t = recompute(member);
        assertThat(t.get("level").asInt()).isEqualTo(2);
        assertThat(t.get("lastSanctionAt").isNull()).isFalse();
        // and a suspension is level 0 while it lasts
        var c2 = api.post("/api/v1/reports", Map.of("targetType", "member", "targetId", member.id(), "reason", "spam"), fan.token()).json().get("caseId").asString();
        assertThat(api.post("/api/v1/moderation/reports/" + c2 + "/actions", Map.of("action", "suspend", "days", 2), moderator.token()).status()).isEqualTo(200);
        assertThat(recompute(member).get("level").asInt()).isZero();
    }

    @Test
    void staffOverrideALevelAndItIsLogged() {
        // when a moderator sets level 4
        var r = api.put("/api/v1/moderation/trust/members/" + member.id() + "/override", Map.of("level", 4, "note", "長年の貢献"), moderator.token());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("level").asInt()).isEqualTo(4);
        assertThat(r.json().get("computedLevel").asInt()).isZero();
        // then recomputing keeps the override, and the audit log has it
        assertThat(recompute(member).get("level").asInt()).isEqualTo(4);
        var audit = api.get("/api/v1/moderation/audit?action=trust.override&subject=" + member.id(), admin.token()).json().get("items");
        assertThat(audit.get(0).get("detail").asString()).isEqualTo("TL4: 長年の貢献");
        // and clearing it goes back to the computed level
        assertThat(api.put("/api/v1/moderation/trust/members/" + member.id() + "/override", Map.of("note", ""), moderator.token())
            .json().get("level").asInt()).isZero();
    }

    @Test
    void badOverridesAndThresholdsAreRefusedAndChangeNothing() {
        assertThat(api.put("/api/v1/moderation/trust/members/" + member.id() + "/override", Map.of("level", 5), moderator.token()).status()).isEqualTo(400);
        assertThat(api.put("/api/v1/moderation/trust/members/999999/override", Map.of("level", 1), moderator.token()).status()).isEqualTo(404);
        // a moderator cannot override another moderator's level; an admin can
        assertThat(api.put("/api/v1/moderation/trust/members/" + moderator.id() + "/override", Map.of("level", 1), moderator.token()).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/moderation/trust/members/" + moderator.id() + "/override", Map.of("level", 1), admin.token()).status()).isEqualTo(200);
        var before = api.get("/api/v1/moderation/trust/thresholds", moderator.token()).body();
        var descending = List.of(
            Map.of("level", 1, "daysVisited", 5, "postsRead", 2, "postsMade", 0, "likesReceived", 0, "sanctionFreeDays", 0),
            Map.of("level", 2, "daysVisited", 1, "postsRead", 2, "postsMade", 2, "likesReceived", 1, "sanctionFreeDays", 0),
            Map.of("level", 3, "daysVisited", 1, "postsRead", 2, "postsMade", 2, "likesReceived", 2, "sanctionFreeDays", 30),
            Map.of("level", 4, "daysVisited", 1, "postsRead", 3, "postsMade", 3, "likesReceived", 3, "sanctionFreeDays", 30));
        var refused = api.put("/api/v1/moderation/trust/thresholds", Map.of("levels", descending), admin.token());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsString("field")).contains("levels[1].level");
        assertThat(api.put("/api/v1/moderation/trust/thresholds", Map.of("levels", descending.subList(0, 2)), admin.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/moderation/trust/thresholds", moderator.token()).body()).isEqualTo(before);
    }

    @Test
    void levelZeroPostsFewLinksAndLevelOneMore() {
        var links = "https://a.example https://b.example https://c.example";
        var refused = api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", links), member.token());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("type").asString()).endsWith("too-many-links");
        api.get("/api/v1/threads/" + thread + "/posts", member.token());
        assertThat(recompute(member).get("level").asInt()).isEqualTo(1);
        assertThat(api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", links), member.token()).status()).isEqualTo(201);
    }

    @Test
    void reportsWeighByTrustAndEnoughWeightHoldsContentPendingReview() {
        // given the default threshold of 5, a level-3 reporter (weight 2) and a level-0 one (weight 1)
        var target = post(member, "問題があるかもしれない投稿です");
        api.put("/api/v1/moderation/trust/members/" + fan.id() + "/override", Map.of("level", 3), moderator.token());
        var c = api.post("/api/v1/reports", Map.of("targetType", "post", "targetId", target, "reason", "spam"), fan.token());
        assertThat(c.json().get("weight").asInt()).isEqualTo(2);
        var other = api.member("other-tl" + run + "@example.com", "Other");
        assertThat(api.post("/api/v1/reports", Map.of("targetType", "post", "targetId", target, "reason", "spam"), other.token())
            .json().get("weight").asInt()).isEqualTo(1);
        String caseId = c.json().get("caseId").asString();
        var item = api.get("/api/v1/moderation/reports/" + caseId, moderator.token()).json().get("item");
        assertThat(item.get("flagWeight").asInt()).isEqualTo(3);
        assertThat(item.get("held").asBoolean()).isFalse();
        // when a level-4 member reports too (weight 3, total 6)
        var leader = api.member("leader-tl" + run + "@example.com", "Leader");
        api.put("/api/v1/moderation/trust/members/" + leader.id() + "/override", Map.of("level", 4), moderator.token());
        api.post("/api/v1/reports", Map.of("targetType", "post", "targetId", target, "reason", "spam"), leader.token());
        // then the post is held: its author sees it pending review, readers do not see it
        assertThat(api.get("/api/v1/moderation/reports/" + caseId, moderator.token()).json().get("item").get("held").asBoolean()).isTrue();
        var mine = api.get("/api/v1/threads/" + thread + "/posts", member.token()).json().get("items");
        assertThat(mine.toString()).contains("\"moderation\":\"flagged\"");
        assertThat(api.get("/api/v1/threads/" + thread + "/posts", other.token()).json().get("items").findValuesAsString("id")).doesNotContain(target);
        // and dismissing the case publishes it again
        assertThat(api.post("/api/v1/moderation/reports/" + caseId + "/actions", Map.of("action", "dismiss"), moderator.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/threads/" + thread + "/posts", other.token()).json().get("items").findValuesAsString("id")).contains(target);
    }

    @Test
    void theRecomputeJobsClaimsOfTwoNodesNeverOverlap() throws Exception {
        // given 40 members due for recomputation, and everyone else computed just now
        jdbc.sql("insert into moderation_trust (user_id) select g from generate_series(900001, 900040) g on conflict do nothing").update();
        jdbc.sql("update moderation_trust set computed_at = case when user_id between 900001 and 900040 then '-infinity'::timestamptz else now() end").update();
        // when two transactions claim batches of 30 at once
        var barrier = new CyclicBarrier(2);
        var release = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(2)) {
            var claims = new ArrayList<Future<List<Long>>>();
            for (int i = 0; i < 2; i++) {
                claims.add(pool.submit(() -> tx.execute(s -> {
                    try {
                        barrier.await();
                        var ids = trustRows.claimStale(OffsetDateTime.now().minusMinutes(1), 30);
                        release.await();
                        return ids;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })));
            }
            Thread.sleep(500);
            release.countDown();
            var a = claims.get(0).get();
            var b = claims.get(1).get();
            // then each member went to one of them only, and together they took all 40
            assertThat(a).doesNotContainAnyElementsOf(b);
            assertThat(a.size() + b.size()).isEqualTo(40);
            assertThat(a.size()).isBetween(10, 30);
        }
    }
}
