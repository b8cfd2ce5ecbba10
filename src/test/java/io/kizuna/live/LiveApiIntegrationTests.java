package io.kizuna.live;

import static io.kizuna.live.LiveFixtures.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import io.kizuna.support.TestMail;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveApiIntegrationTests extends IntegrationTestBase {
    private static int n;
    private Member admin;
    private Member viewer;
    private String sku;

    @BeforeEach
    void shop() {
        n++;
        admin = withRole("live-admin" + n + "@example.com", "admin");
        viewer = api.member("live-viewer" + n + "@example.com", "視聴者" + n);
        sku = "LIVE-" + n;
        LiveFixtures.product(api, admin.token(), sku, 1100, 5);
    }

    private String events(String show) {
        return "http://127.0.0.1:" + port + "/api/v1/live-sessions/" + show + "/events";
    }

    @Test
    void aShowGoesFromScheduledToLiveToEndedAndRefusesChatAfterwards() {
        var created = api.post("/api/v1/live-sessions", LiveFixtures.show("新作コーヒー発表", sku), admin.token());
        assertThat(created.status()).isEqualTo(201);
        var show = created.json();
        String id = show.get("id").asString();
        assertThat(show.get("state").asString()).isEqualTo("scheduled");
        assertThat(show.get("embed").get("url").asString()).startsWith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
        assertThat(show.get("products").get(0).get("stock").asInt()).isEqualTo(5);
        assertThat(chat(api, id, viewer.token(), "まだですか", "chat").status()).as("not started").isEqualTo(409);

        assertThat(api.post("/api/v1/live-sessions/" + id + "/start", null, admin.token()).json().get("state").asString()).isEqualTo("live");
        assertThat(api.post("/api/v1/live-sessions/" + id + "/start", null, admin.token()).status()).isEqualTo(409);
        assertThat(chat(api, id, viewer.token(), "こんばんは", "chat").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/live-sessions/" + id + "/end", null, admin.token()).json().get("state").asString()).isEqualTo("ended");
        assertThat(api.post("/api/v1/live-sessions/" + id + "/end", null, admin.token()).status()).isEqualTo(409);

        var late = chat(api, id, viewer.token(), "終わった？", "chat");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/live-sessions?state=ended").json().get("items").toString()).contains("新作コーヒー発表");
        assertThat(api.get("/api/v1/live-sessions/" + id + "/messages").json().get("items")).hasSize(1);
    }

    @Test
    void refusesBadShowsAndBadMessagesWithFieldErrors() {
        var bad = new HashMap<>(LiveFixtures.show(" ", "NO-SUCH-SKU"));
        bad.put("streamUrl", "http://example.com/live");
        bad.put("startsAt", "tomorrow");
        var r = api.post("/api/v1/live-sessions", bad, admin.token());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"title\"", "\"streamUrl\"", "\"startsAt\"", "\"skus[0]\"");
        long before = count("live_sessions");
        assertThat(api.post("/api/v1/live-sessions", LiveFixtures.show("重複", sku, sku), admin.token()).status()).isEqualTo(400);
        assertThat(count("live_sessions")).isEqualTo(before);

        String id = LiveFixtures.started(api, admin.token(), "入力チェック", sku);
        assertThat(chat(api, id, viewer.token(), "   ", "chat").status()).isEqualTo(400);
        assertThat(chat(api, id, viewer.token(), "あ".repeat(501), "chat").status()).isEqualTo(400);
        assertThat(chat(api, id, viewer.token(), "あ".repeat(500), "chat").status()).isEqualTo(201);
        assertThat(chat(api, id, viewer.token(), "hi", "shout").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/live-sessions/" + id + "/messages", Map.of("body", "答え", "kind", "answer", "replyTo", "123456"),
            viewer.token()).status()).as("an answer needs a question of this show").isEqualTo(400);
        assertThat(api.post("/api/v1/live-sessions/" + id + "/messages", Map.of("body", "匿名", "kind", "chat")).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/live-sessions/999999").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/live-sessions/abc").status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from live_messages where session_id = :s").param("s", Long.parseLong(id)).query(Long.class).single())
            .as("only the valid message was stored").isEqualTo(1);
    }

    @Test
    void listenersGetTheHistoryThenEachEventAndResumeFromLastEventId() throws Exception {
        String id = LiveFixtures.started(api, admin.token(), "履歴テスト", sku);
        for (int i = 1; i <= 3; i++) assertThat(chat(api, id, viewer.token(), "メッセージ" + i, "chat").status()).isEqualTo(201);
        List<SseClient.Event> history;
        try (var sse = new SseClient(events(id), null, null)) {
            assertThat(sse.status).isEqualTo(200);
            history = sse.collect("message", 3);
            assertThat(history).extracting(SseClient.Event::data).allMatch(d -> d.contains("メッセージ"));
            assertThat(history.get(0).data()).contains("メッセージ1");
            assertThat(sse.await("state").data()).contains("\"live\"");
            chat(api, id, viewer.token(), "<b>メッセージ4</b>", "chat");
            var fourth = sse.await("message");
            assertThat(fourth.data()).contains("<b>メッセージ4</b>"); // plain text, escaped by the page
            assertThat(Long.parseLong(fourth.id())).isGreaterThan(Long.parseLong(history.get(2).id()));
        }
        try (var resumed = new SseClient(events(id), history.get(1).id(), null)) {
            var next = resumed.await("message");
            assertThat(next.data()).as("resumes after the second").contains("メッセージ3");
            assertThat(resumed.await("message").data()).contains("メッセージ4");
        }
        for (String bogus : List.of("not-a-number", "99999999", "-5")) {
            try (var full = new SseClient(events(id), bogus, null)) {
                assertThat(full.status).isEqualTo(200);
                assertThat(full.await("message").data()).as("full history for " + bogus).contains("メッセージ1");
            }
        }
    }

    @Test
    void aPinnedProductShowsLiveStockAndOrdersFromTheShowCountInTheReport() throws Exception {
        String other = "LIVE-OTHER-" + n;
        LiveFixtures.product(api, admin.token(), other, 500, 3);
        String id = LiveFixtures.started(api, admin.token(), "購入テスト", sku);
        var refused = api.post("/api/v1/live-sessions/" + id + "/pins", Map.of("sku", other), admin.token());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("type").asString()).endsWith("sku-not-in-show");
        try (var sse = new SseClient(events(id), null, null)) {
            assertThat(api.post("/api/v1/live-sessions/" + id + "/pins", Map.of("sku", sku), admin.token()).status()).isEqualTo(200);
            assertThat(sse.await(e -> e.name().equals("pin") && e.id() != null).data()).contains(sku, "1100");
            assertThat(api.post("/api/v1/live-sessions/" + id + "/orders", LiveFixtures.order(other, 1), viewer.token()).status())
                .as("only the show's products").isEqualTo(422);
            var quote = api.post("/api/v1/live-sessions/" + id + "/checkout/quote", LiveFixtures.order(sku, 2), viewer.token());
            assertThat(quote.status()).as(quote.toString()).isEqualTo(200);
            assertThat(quote.json().get("quote").get("totals").get("total").asInt()).isEqualTo(2200 + 800);
            assertThat(quote.json().get("paymentTiming").asString()).isNotBlank();
            var placed = api.post("/api/v1/live-sessions/" + id + "/orders", LiveFixtures.order(sku, 2), viewer.token(), "Idempotency-Key", "k-" + n);
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
            assertThat(api.post("/api/v1/live-sessions/" + id + "/orders", LiveFixtures.order(sku, 2), viewer.token(), "Idempotency-Key", "k-" + n)
                .json().get("id").asString()).isEqualTo(placed.json().get("id").asString());
            assertThat(sse.await(e -> e.name().equals("stock") && e.data().contains("\"stock\":3")).data()).contains(sku);
        }
        var report = api.get("/api/v1/live-sessions/" + id + "/report", admin.token());
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().get("orders").asInt()).isEqualTo(1);
        assertThat(report.json().get("revenue").asInt()).isEqualTo(3000);
        for (String field : List.of("peakViewers", "messages", "questions", "questionsAnswered", "orders", "revenue")) {
            assertThat(report.json().has(field)).as(field).isTrue();
        }
        assertThat(api.get("/api/v1/live-sessions/" + id + "/report", viewer.token()).status()).isEqualTo(403);
    }

    @Test
    void anOrderSourceMustBeKindAndIdAndAMadeUpShowAttributesNothing() {
        var order = new HashMap<>(LiveFixtures.order(sku, 1));
        order.put("source", "no colon here");
        var refused = api.post("/api/v1/orders", order, viewer.token());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("\"source\"");
        order.put("source", "live:999999");
        assertThat(api.post("/api/v1/orders", order, viewer.token()).status()).isEqualTo(201);
        assertThat(jdbc.sql("select source from store_orders order by id desc limit 1").query(String.class).single()).isEqualTo("live:999999");
        assertThat(count("live_orders")).isZero();
    }

    @Test
    void questionsAreAnsweredByViewersAndMarkedAnsweredByTheHost() throws Exception {
        String id = LiveFixtures.started(api, admin.token(), "質問テスト", sku);
        var other = api.member("live-other" + n + "@example.com", "別の視聴者" + n);
        try (var sse = new SseClient(events(id), null, null)) {
            String q = chat(api, id, viewer.token(), "何グラムですか？", "question").json().get("id").asString();
            assertThat(sse.await("message").data()).contains("\"kind\":\"question\"");
            var answer = api.post("/api/v1/live-sessions/" + id + "/messages", Map.of("body", "200gです", "kind", "answer", "replyTo", q), other.token());
            assertThat(answer.status()).isEqualTo(201);
            assertThat(sse.await("message").data()).contains("\"replyTo\":\"" + q + "\"");
            assertThat(api.post("/api/v1/live-sessions/" + id + "/messages/" + q + "/answered", null, viewer.token()).status()).isEqualTo(403);
            assertThat(api.post("/api/v1/live-sessions/" + id + "/messages/" + q + "/answered", null, admin.token()).json().get("answered").asBoolean()).isTrue();
            assertThat(sse.await("answered").data()).contains(q);
        }
        var answered = api.get("/api/v1/live-sessions/" + id + "/questions?status=answered").json().get("items");
        assertThat(answered).hasSize(1);
        assertThat(answered.get(0).get("answers").get(0).get("body").asString()).isEqualTo("200gです");
        assertThat(api.get("/api/v1/live-sessions/" + id + "/questions?status=open").json().get("items")).isEmpty();
        assertThat(api.get("/api/v1/live-sessions/" + id + "/report", admin.token()).json().get("questionsAnswered").asInt()).isEqualTo(1);
    }

    @Test
    void remindMeMailsTheMemberWhenTheShowStarts() {
        jdbc.sql("update identity_users set email_verified_at = now() where id = :id").param("id", Long.parseLong(viewer.id())).update();
        String id = LiveFixtures.created(api, admin.token(), "リマインド配信", sku);
        var reminded = api.request(java.net.http.HttpRequest.newBuilder(api.uri("/api/v1/live-sessions/" + id + "/reminder"))
            .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + viewer.token()));
        assertThat(reminded.json().get("reminded").asBoolean()).isTrue();
        api.post("/api/v1/live-sessions/" + id + "/start", null, admin.token());
        var mail = TestMail.await(viewer.email(), "リマインド配信");
        assertThat(TestMail.body(mail)).contains("/live/" + id);
        assertThat(jdbc.sql("select count(*) from live_reminders where sent_at is not null").query(Long.class).single()).isEqualTo(1);
    }
}
