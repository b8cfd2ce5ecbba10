package io.kizuna.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PollIntegrationTests extends IntegrationTestBase {
    private Member admin;
    private Member author;
    private Member voter;
    private static int n;

    @BeforeEach
    void space() {
        n++;
        admin = withRole("poll-admin" + n + "@example.com", "admin");
        author = api.member("poll-author" + n + "@example.com", "作成者");
        voter = api.member("poll-voter" + n + "@example.com", "投票者");
        api.post("/api/v1/spaces", Map.of("slug", "polls-" + n, "name", "投票", "visibility", "public"), admin.token());
    }

    private String threadWithPoll(boolean multiple, List<String> options) {
        var r = api.post("/api/v1/spaces/polls-" + n + "/threads", Map.of("title", "どれが好き？", "body", "投票してください", "kind", "discussion",
            "poll", Map.of("question", "好きな色", "options", options, "multiple", multiple)), author.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("hasPoll").asBoolean()).isTrue();
        return r.json().get("id").asString();
    }

    private static List<String> optionIds(JsonNode poll) {
        var ids = new ArrayList<String>();
        poll.get("options").forEach(o -> ids.add(o.get("id").asString()));
        return ids;
    }

    @Test
    void resultsShowOnlyAfterVotingAndEachMemberVotesOnce() {
        String t = threadWithPoll(false, List.of("赤", "青", "緑"));
        var before = api.get("/api/v1/threads/" + t + "/poll", voter.token()).json();
        assertThat(before.get("resultsVisible").asBoolean()).isFalse();
        assertThat(before.get("options").get(0).get("votes").isNull()).isTrue();
        assertThat(before.get("voters").isNull()).isTrue();
        var ids = optionIds(before);

        var voted = api.post("/api/v1/threads/" + t + "/poll/votes", Map.of("optionIds", List.of(ids.get(1))), voter.token());
        assertThat(voted.status()).isEqualTo(200);
        assertThat(voted.json().get("resultsVisible").asBoolean()).isTrue();
        assertThat(voted.json().get("options").get(1).get("votes").asInt()).isEqualTo(1);
        assertThat(voted.json().get("options").get(1).get("percent").asInt()).isEqualTo(100);
        assertThat(voted.json().get("viewerChoices").get(0).asString()).isEqualTo(ids.get(1));

        var again = api.post("/api/v1/threads/" + t + "/poll/votes", Map.of("optionIds", List.of(ids.get(0))), voter.token());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).endsWith("already-voted");
        assertThat(api.get("/api/v1/threads/" + t + "/poll").json().get("resultsVisible").asBoolean()).as("anonymous before close").isFalse();

        assertThat(api.delete("/api/v1/threads/" + t + "/poll/votes", null, voter.token()).status()).isEqualTo(200);
        var revote = api.post("/api/v1/threads/" + t + "/poll/votes", Map.of("optionIds", List.of(ids.get(0))), voter.token()).json();
        assertThat(revote.get("options").get(0).get("votes").asInt()).isEqualTo(1);
        assertThat(revote.get("options").get(1).get("votes").asInt()).isEqualTo(0);
        assertThat(revote.get("voters").asInt()).isEqualTo(1);
    }

    @Test
    void aClosedPollShowsResultsToEveryoneAndTakesNoVotes() {
        String t = threadWithPoll(true, List.of("朝", "昼", "夜"));
        var ids = optionIds(api.get("/api/v1/threads/" + t + "/poll").json());
        api.post("/api/v1/threads/" + t + "/poll/votes", Map.of("optionIds", List.of(ids.get(0), ids.get(2))), voter.token());
        jdbc.sql("update community_polls set closes_at = now() - interval '1 minute' where thread_id = :t").param("t", Long.parseLong(t)).update();

        var anonymous = api.get("/api/v1/threads/" + t + "/poll").json();
        assertThat(anonymous.get("closed").asBoolean()).isTrue();
        assertThat(anonymous.get("resultsVisible").asBoolean()).isTrue();
        assertThat(anonymous.get("options").get(2).get("votes").asInt()).isEqualTo(1);
        var late = api.post("/api/v1/threads/" + t + "/poll/votes", Map.of("optionIds", List.of(ids.get(1))), author.token());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("type").asString()).endsWith("poll-closed");
        assertThat(api.delete("/api/v1/threads/" + t + "/poll/votes", null, voter.token()).status()).isEqualTo(409);
        assertThat(api.get("/t/" + t).body()).contains("締め切りました").contains("<meter");
    }

    @Test
    void refusesBadPollsAndChangesNothing() {
        long threads = count("community_threads");
        long polls = count("community_polls");
        long ballots = count("community_poll_voters");
        var many = new ArrayList<String>();
        for (int i = 0; i < 21; i++) many.add("選択肢" + i);
        List<Map<String, Object>> bad = List.of(
            Map.of("question", "色", "options", List.of("赤")),
            Map.of("question", "色", "options", many),
            Map.of("question", "色", "options", List.of("赤", "赤")),
            Map.of("question", "色", "options", List.of("赤", "  ")),
            Map.of("question", " ", "options", List.of("赤", "青")),
            Map.of("question", "色", "options", List.of("赤", "青"), "closesAt", "2020-01-01T00:00+09:00"),
            Map.of("question", "色", "options", List.of("赤", "青"), "closesAt", "来週"),
            // no visible character
            Map.of("question", "\u200B\u3000", "options", List.of("赤", "青")),
            Map.of("question", "色", "options", List.of("赤", "\u00A0\u2060")),
            // a NUL (PostgreSQL cannot store it)
            Map.of("question", "色\u0000", "options", List.of("赤", "青")),
            Map.of("question", "色", "options", List.of("赤", "青\u0000")),
            // a close too far ahead, or beyond PostgreSQL's years
            Map.of("question", "色", "options", List.of("赤", "青"), "closesAt", java.time.OffsetDateTime.now().plusYears(6).toString()),
            Map.of("question", "色", "options", List.of("赤", "青"), "closesAt", "+300000-01-01T00:00Z"));
        for (var poll : bad) {
            var r = api.post("/api/v1/spaces/polls-" + n + "/threads", Map.of("title", "題", "body", "本文", "kind", "discussion", "poll", poll), author.token());
            assertThat(r.status()).as(poll.toString()).isEqualTo(400);
            assertThat(r.json().get("type").asString()).endsWith("invalid-input");
            assertThat(r.json().get("errors").toString()).contains("poll.");
        }
        assertThat(count("community_threads")).isEqualTo(threads);
        assertThat(count("community_polls")).isEqualTo(polls);

        String t = threadWithPoll(false, List.of("赤", "青"));
        var ids = optionIds(api.get("/api/v1/threads/" + t + "/poll").json());
        assertThat(api.post("/api/v1/threads/" + t + "/poll/votes", Map.of("optionIds", ids), voter.token()).status()).as("two in single choice").isEqualTo(400);
        assertThat(api.post("/api/v1/threads/" + t + "/poll/votes", Map.of("optionIds", List.of("999999")), voter.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/threads/" + t + "/poll/votes", Map.of("optionIds", List.of()), voter.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/threads/" + t + "/poll/votes", Map.of("optionIds", List.of(ids.get(0))), null).status()).isEqualTo(401);
        assertThat(count("community_poll_voters")).isEqualTo(ballots);

        var second = api.post("/api/v1/threads/" + t + "/poll", Map.of("question", "二つ目", "options", List.of("a", "b")), author.token());
        assertThat(second.status()).isEqualTo(409);
        String plain = api.post("/api/v1/spaces/polls-" + n + "/threads", Map.of("title", "題", "body", "本文", "kind", "discussion"), author.token())
            .json().get("id").asString();
        assertThat(api.post("/api/v1/threads/" + plain + "/poll", Map.of("question", "色", "options", List.of("a", "b")), voter.token()).status())
            .as("someone else's thread").isEqualTo(403);
        assertThat(api.post("/api/v1/threads/" + plain + "/poll", Map.of("question", "色", "options", List.of("a", "b")), admin.token()).status())
            .as("staff").isEqualTo(201);
        assertThat(api.get("/api/v1/threads/" + plain + "/poll").status()).isEqualTo(200);
    }

    @Test
    void concurrentBallotsCountExactlyAndADoubleSubmitCountsOnce() throws Exception {
        String t = threadWithPoll(true, List.of("A", "B"));
        var ids = optionIds(api.get("/api/v1/threads/" + t + "/poll").json());
        var voters = new ArrayList<Member>();
        for (int i = 0; i < 16; i++) voters.add(api.member("poll-crowd" + n + "-" + i + "@example.com", "投票" + i));
        var tasks = new ArrayList<Callable<Integer>>();
        for (var v : voters) tasks.add(() -> api.post("/api/v1/threads/" + t + "/poll/votes", Map.of("optionIds", ids), v.token()).status());
        for (int i = 0; i < 8; i++) tasks.add(() -> api.post("/api/v1/threads/" + t + "/poll/votes", Map.of("optionIds", List.of(ids.get(0))), voter.token()).status());
        try (var pool = Executors.newFixedThreadPool(12)) {
            var statuses = pool.invokeAll(tasks).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(17);
            assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(7);
        }
        var poll = api.get("/api/v1/threads/" + t + "/poll", voter.token()).json();
        assertThat(poll.get("voters").asInt()).isEqualTo(17);
        assertThat(poll.get("options").get(0).get("votes").asInt()).isEqualTo(17);
        assertThat(poll.get("options").get(1).get("votes").asInt()).isEqualTo(16);
    }

    @Test
    void membersStartAPollAndVoteFromThePages() {
        var pages = signedInClient("poll-voter" + n + "@example.com");
        var form = pages.get("/s/polls-" + n + "/new");
        assertThat(form.body()).contains("name=\"poll.options\"");
        var refused = pages.raw("POST", "/s/polls-" + n + "/new", "application/x-www-form-urlencoded", "_csrf=" + enc(form.csrf())
            + "&kind=discussion&title=" + enc("ランチ") + "&body=" + enc("どこ行く？") + "&poll.question=" + enc("お店") + "&poll.options=" + enc("そば"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("選択肢は2つ以上必要です。").contains("そば");
        var created = pages.raw("POST", "/s/polls-" + n + "/new", "application/x-www-form-urlencoded", "_csrf=" + enc(form.csrf())
            + "&kind=discussion&title=" + enc("ランチ") + "&body=" + enc("どこ行く？") + "&poll.question=" + enc("お店")
            + "&poll.options=" + enc("そば\r\nうどん\r\n\r\nカレー"));
        assertThat(created.status()).isEqualTo(302);
        String id = created.header("Location").replaceAll(".*/t/", "");
        var page = pages.get("/t/" + id);
        assertThat(page.body()).contains("お店").contains("type=\"radio\"").contains("カレー");
        var ids = optionIds(api.get("/api/v1/threads/" + id + "/poll").json());
        assertThat(ids).hasSize(3);
        var vote = pages.raw("POST", "/t/" + id + "/poll/vote", "application/x-www-form-urlencoded", "_csrf=" + enc(page.csrf()) + "&optionIds=" + ids.get(2));
        assertThat(vote.status()).isEqualTo(302);
        assertThat(pages.get("/t/" + id).body()).contains("<meter").contains("あなたの回答").contains("1 人が回答");
    }
}
