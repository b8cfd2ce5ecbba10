package io.kizuna.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kizuna.notifications.internal.DailyDigest;
import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import io.kizuna.support.TestMail;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class NotificationIntegrationTests extends IntegrationTestBase {
    private static int n;
    private Member admin;
    private Member asker;
    private Member helper;
    private String space;

    @Autowired
    DailyDigest digest;

    @Autowired
    io.kizuna.notifications.internal.Fanout fanout;

    @Autowired
    io.kizuna.notifications.internal.Inbox inbox;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @BeforeEach
    void community() {
        n++;
        admin = withRole("notify-admin" + n + "@example.com", "admin");
        asker = verified(api.member("notify-asker" + n + "@example.com", "質問者" + n));
        helper = verified(api.member("notify-helper" + n + "@example.com", "回答者" + n));
        space = "notify-" + n;
        api.post("/api/v1/spaces", Map.of("slug", space, "name", "通知テスト", "visibility", "public"), admin.token());
    }

    private Member verified(Member m) {
        jdbc.sql("update identity_users set email_verified_at = now() where id = :id").param("id", Long.parseLong(m.id())).update();
        return m;
    }

    private String handle(Member m) {
        return api.get("/api/v1/me", m.token()).json().get("handle").asString();
    }

    private String thread(Member who, String title) {
        return api.created("/api/v1/spaces/" + space + "/threads", Map.of("title", title, "body", "本文です", "kind", "question"), who.token());
    }

    private String reply(Member who, String thread, String body) {
        return api.created("/api/v1/threads/" + thread + "/posts", Map.of("body", body), who.token());
    }

    private JsonNode notifications(Member who, int expected) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
            .until(() -> api.get("/api/v1/me/notifications", who.token()).json().get("items"), items -> items.size() >= expected);
    }

    @Test
    void theAskerHearsAboutRepliesCollapsedPerThreadAndReadsThem() {
        String t = thread(asker, "充電できません");
        reply(helper, t, "端子を拭いてください");
        // posting follows the thread in the reply's own transaction, not later in a fan-out worker that another
        // worker, fanning out the next reply, could overtake
        assertThat(api.get("/api/v1/threads/" + t + "/follow", helper.token()).json().get("following").asBoolean()).isTrue();
        var first = notifications(asker, 1).get(0);
        assertThat(first.get("kind").asString()).isEqualTo("reply");
        assertThat(first.get("thread").get("title").asString()).isEqualTo("充電できません");
        assertThat(first.get("actor").get("displayName").asString()).isEqualTo("回答者" + n);
        reply(admin, t, "スタッフです");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/me/notifications", asker.token()).json().get("items").get(0).get("count").asInt() == 2);
        assertThat(api.get("/api/v1/me/notifications", asker.token()).json().get("items")).hasSize(1);
        assertThat(api.get("/api/v1/me/notifications/unread-count", asker.token()).json().get("count").asInt()).isEqualTo(1);
        var helpers = notifications(helper, 1);
        assertThat(helpers).as("the helper follows the thread since answering").hasSize(1);
        assertThat(helpers.get(0).get("actor").get("id").asString()).isEqualTo(admin.id());

        var page = signedInClient(asker.email());
        var list = page.get("/notifications");
        assertThat(list.body()).contains("notify-admin" + n + "さんほかが「充電できません」に 2 件返信しました");
        String id = api.get("/api/v1/me/notifications", asker.token()).json().get("items").get(0).get("id").asString();
        var open = page.get("/notifications/" + id + "/open");
        assertThat(open.status()).isEqualTo(302);
        assertThat(open.header("Location")).contains("/t/" + t + "#post-");
        assertThat(api.get("/api/v1/me/notifications/unread-count", asker.token()).json().get("count").asInt()).isZero();
        assertThat(api.get("/notifications/" + id + "/open", helper.token()).status()).as("someone else's notification").isEqualTo(404);
    }

    @Test
    void mentionsNotifyAndMailAtOnceWithOneClickUnsubscribe() throws Exception {
        String t = thread(admin, "新商品の感想");
        String asksHandle = handle(asker);
        String post = reply(helper, t, "@" + asksHandle + " さんはどう思いますか？");
        var mention = notifications(asker, 1).get(0);
        assertThat(mention.get("kind").asString()).isEqualTo("mention");
        assertThat(mention.get("postId").asString()).isEqualTo(post);
        var bodyHtml = api.get("/api/v1/threads/" + t + "/posts").json().get("items").get(1).get("bodyHtml").asString();
        assertThat(bodyHtml).contains("href=\"/u/" + asker.id() + "\"");

        var mail = TestMail.await(asker.email(), "メンションしました");
        String unsubscribe = mail.getHeader("List-Unsubscribe")[0];
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(TestMail.body(mail)).contains("/t/" + t + "#post-" + post).contains("/unsubscribe/");
        String path = unsubscribe.substring(unsubscribe.indexOf("/unsubscribe/"), unsubscribe.length() - 1);
        assertThat(api.get(path).body()).contains("配信を停止する");
        var oneClick = api.raw("POST", path, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        assertThat(oneClick.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me/notification-settings", asker.token()).json().get("emailMentions").asString()).isEqualTo("off");
        assertThat(api.raw("POST", "/unsubscribe/not-a-token", "application/x-www-form-urlencoded", "").status()).isEqualTo(404);

        int mails = TestMail.to(asker.email()).size();
        reply(helper, t, "@" + asksHandle + " もう一度");
        notifications(asker, 2);
        Thread.sleep(500);
        assertThat(TestMail.to(asker.email())).as("no mail after unsubscribing").hasSize(mails);
    }

    @Test
    void mentioningSomeoneOutsideAPrivateSpaceTellsThemNothing() {
        api.post("/api/v1/spaces", Map.of("slug", "secret-" + n, "name", "秘密", "visibility", "private"), admin.token());
        api.post("/api/v1/spaces/secret-" + n + "/members", Map.of("userId", helper.id()), admin.token());
        String t = api.post("/api/v1/spaces/secret-" + n + "/threads", Map.of("title", "社外秘の話", "body", "本文", "kind", "discussion"), helper.token())
            .json().get("id").asString();
        reply(helper, t, "@" + handle(asker) + " 見えますか？");
        reply(helper, t, "@" + handle(admin) + " 見えますか？");
        notifications(admin, 1);
        assertThat(api.get("/api/v1/me/notifications", asker.token()).body()).doesNotContain("社外秘");
        assertThat(api.raw("PUT", "/api/v1/threads/" + t + "/follow", "application/json", "").status()).isEqualTo(401);
        var follow = api.request(HttpRequest.newBuilder(api.uri("/api/v1/threads/" + t + "/follow")).PUT(HttpRequest.BodyPublishers.noBody())
            .header("Authorization", "Bearer " + asker.token()));
        assertThat(follow.status()).isEqualTo(404);
    }

    @Test
    void spaceFollowersHearOfNewThreadsAndAnswerersOfAcceptance() {
        var put = api.request(HttpRequest.newBuilder(api.uri("/api/v1/spaces/" + space + "/follow")).PUT(HttpRequest.BodyPublishers.noBody())
            .header("Authorization", "Bearer " + helper.token()));
        assertThat(put.json().get("following").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/spaces/" + space + "/follow", helper.token()).json().get("following").asBoolean()).isTrue();
        String t = thread(asker, "イヤホンが片方だけ鳴らない");
        assertThat(notifications(helper, 1).get(0).get("kind").asString()).isEqualTo("new_thread");
        String answer = reply(helper, t, "リセットしてみてください");
        api.post("/api/v1/threads/" + t + "/accepted-answer", Map.of("postId", answer), asker.token());
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/me/notifications", helper.token()).body().contains("\"accepted\""));
    }

    @Test
    void theDailyDigestSendsOnceWhatWasNotMailed() throws Exception {
        String t = thread(asker, "ダイジェストの確認");
        reply(helper, t, "返信その1");
        notifications(asker, 1);
        int before = TestMail.to(asker.email()).size();
        assertThat(digest.sendDue(Instant.now().plus(Duration.ofDays(1)))).isGreaterThanOrEqualTo(1);
        var mail = TestMail.await(asker.email(), "新着通知");
        assertThat(TestMail.body(mail)).contains("ダイジェストの確認").contains("/t/" + t);
        assertThat(mail.getHeader("List-Unsubscribe")).isNotNull();
        digest.sendDue(Instant.now().plus(Duration.ofDays(1)));
        assertThat(TestMail.to(asker.email())).hasSize(before + 1);
    }

    @Test
    void aThreadMovedOutOfSightLeavesTheUnreadCountAsItLeavesTheList() {
        String t = thread(helper, "移動される質問");
        reply(asker, t, "私も知りたいです");
        reply(helper, t, "自己解決しました");
        notifications(asker, 1);
        assertThat(api.get("/api/v1/me/notifications/unread-count", asker.token()).json().get("count").asInt()).isEqualTo(1);

        api.post("/api/v1/spaces", Map.of("slug", "staff-" + n, "name", "スタッフ", "visibility", "private"), admin.token());
        var moved = api.post("/api/v1/threads/" + t + "/move", Map.of("spaceSlug", "staff-" + n), admin.token());
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/me/notifications", asker.token()).json().get("items")).isEmpty();
        assertThat(api.get("/api/v1/me/notifications/unread-count", asker.token()).json().get("count").asInt()).isZero();
        assertThat(api.get("/api/v1/me/notifications/unread-count", helper.token()).json().get("count").asInt())
            .as("its author, outside the private space too").isZero();
    }

    @Test
    void theUnreadCountStreamsLive() throws Exception {
        String t = thread(asker, "ライブ更新");
        var http = HttpClient.newHttpClient();
        var response = http.send(HttpRequest.newBuilder(api.uri("/api/v1/me/notifications/stream"))
            .header("Authorization", "Bearer " + asker.token()).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        var events = new ArrayBlockingQueue<String>(10);
        var reader = Thread.ofVirtual().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) if (line.startsWith("data:")) events.add(line.substring(5).strip());
            } catch (Exception ignored) {
                // the stream ends when the test closes it
            }
        });
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"count\":0}");
        reply(helper, t, "届きましたか");
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"count\":1}");
        api.post("/api/v1/me/notifications/read", Map.of(), asker.token());
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"count\":0}");
        response.body().close();
        reader.interrupt();
    }

    @Test
    void settingsRefuseUnknownChoices() {
        var bad = api.request(HttpRequest.newBuilder(api.uri("/api/v1/me/notification-settings")).header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + asker.token())
            .PUT(HttpRequest.BodyPublishers.ofString("{\"emailMentions\":\"hourly\",\"emailActivity\":\"off\"}")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(api.get("/api/v1/me/notification-settings", asker.token()).json().get("emailActivity").asString()).isEqualTo("daily");
        assertThat(api.get("/api/v1/me/notifications").status()).isEqualTo(401);
        assertThat(List.of(api.get("/notifications").status())).containsAnyOf(302, 401);
    }

    @Test
    void aBatchOfHappeningsCountsLikeOneAtATime() {
        var third = api.member("notify-third" + n + "@example.com", "三人目");
        String t = thread(asker, "まとめて処理");
        notifications(asker, 0);
        long thread = Long.parseLong(t);
        // written straight into the inbox, so the worker may take them in one batch or several: the result is the same
        for (var author : new Member[] {helper, third, helper}) happening(thread, author);
        fanout.drain();
        await().atMost(Duration.ofSeconds(10)).until(() -> count("notification_inbox") == 0);
        assertThat(notifications(asker, 1).get(0).get("count").asInt()).as("the asker: three replies").isEqualTo(3);
        assertThat(notifications(helper, 1).get(0).get("count").asInt()).as("the helper: the third member's reply").isEqualTo(1);
        assertThat(notifications(third, 1).get(0).get("count").asInt()).as("the third member: the helper's second reply").isEqualTo(1);
        assertThat(count("notification_follows where target_type = 'thread' and target_id = " + thread)).isEqualTo(3);
    }

    @Test
    void aBatchWaitsForTheBatchAnotherWorkerIsFanningOut() throws Exception {
        var third = api.member("notify-third" + n + "@example.com", "三人目");
        long thread = Long.parseLong(thread(asker, "二つの作業者"));
        var others = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            // another worker (this node's or another's) has taken the helper's reply and is writing the helper's follow
            tx.executeWithoutResult(status -> {
                happening(thread, helper);
                assertThat(inbox.take(500)).hasSize(1);
                jdbc.sql("insert into notification_follows (target_type, target_id, user_id) values ('thread', :t, :u)")
                    .param("t", thread).param("u", Long.parseLong(helper.id())).update();
                // meanwhile the third member replies and a worker starts on it
                var drained = others.submit(() -> {
                    happening(thread, third);
                    fanout.drain();
                });
                // a sync point, not the assertion: on a busy machine the worker may first wait for a pool connection
                try {
                    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                        .until(() -> drained.isDone() || waitingForTheFanOutLock());
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("The other worker neither finished nor waited for the fan-out lock; sessions: " + sessions(), e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> count("notification_inbox") == 0);
            assertThat(notifications(helper, 1).get(0).get("count").asInt()).as("the helper follows from the earlier batch").isEqualTo(1);
        } finally {
            others.shutdownNow();
        }
    }

    private void happening(long thread, Member author) {
        jdbc.sql("insert into notification_inbox (kind, thread_id, post_id, actor_id) values ('post_published', :t, nextval(pg_get_serial_sequence('community_posts', 'id')), :a)")
            .param("t", thread).param("a", Long.parseLong(author.id())).update();
    }

    private String sessions() {
        return jdbc.sql("select string_agg(coalesce(wait_event_type, '-') || '/' || coalesce(wait_event, '-') || ' ' || left(query, 40), '; ') "
            + "from pg_stat_activity where datname = current_database()").query(String.class).single();
    }

    private boolean waitingForTheFanOutLock() {
        return jdbc.sql("select exists (select 1 from pg_stat_activity where datname = current_database() and wait_event = 'advisory')")
            .query(Boolean.class).single();
    }
}
