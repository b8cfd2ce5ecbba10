package io.kizuna.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import io.kizuna.support.TestMail;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reports merging into cases, the queue, actions and what they do to content and members, appeals. */
class ModerationApiIntegrationTests extends IntegrationTestBase {
    private static int run;
    private Member admin;
    private Member moderator;
    private Member otherModerator;
    private Member author;
    private Member reader;
    private String space;
    private String thread;
    private String post;

    @BeforeEach
    void world() {
        run++;
        admin = withRole("admin-mod" + run + "@example.com", "admin");
        moderator = withRole("mod-mod" + run + "@example.com", "moderator");
        otherModerator = withRole("mod2-mod" + run + "@example.com", "moderator");
        author = api.member("author-mod" + run + "@example.com", "Author");
        reader = api.member("reader-mod" + run + "@example.com", "Reader");
        space = "talk-" + run;
        api.post("/api/v1/spaces", Map.of("slug", space, "name", "Talk", "visibility", "public"), admin.token());
        thread = api.post("/api/v1/spaces/" + space + "/threads", Map.of("title", "挨拶", "body", "こんにちは", "kind", "discussion"), reader.token())
            .json().get("id").asString();
        post = api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "ひどい書き込み " + run), author.token()).json().get("id").asString();
    }

    private String report(Member who, String type, String id, String reason) {
        var r = api.post("/api/v1/reports", Map.of("targetType", type, "targetId", id, "reason", reason, "note", "見てください"), who.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("caseId").asString();
    }

    private int act(Member who, String caseId, Map<String, Object> action) {
        return api.post("/api/v1/moderation/reports/" + caseId + "/actions", action, who.token()).status();
    }

    @Test
    void reportsOnOneTargetMergeIntoOneCaseWithACountAndTheirReasons() {
        // given three members
        var third = api.member("third-mod" + run + "@example.com", "Third");
        // when they report the same post
        var c1 = report(reader, "post", post, "spam");
        var c2 = report(moderator, "post", post, "harassment");
        var c3 = report(third, "post", post, "spam");
        // then there is one case with three reports and both reasons
        assertThat(c2).isEqualTo(c1);
        assertThat(c3).isEqualTo(c1);
        var item = api.get("/api/v1/moderation/reports/" + c1, moderator.token()).json().get("item");
        assertThat(item.get("reportCount").asInt()).isEqualTo(3);
        assertThat(item.get("reasons").toString()).contains("spam", "harassment");
        assertThat(item.get("status").asString()).isEqualTo("open");
        var queue = api.get("/api/v1/moderation/queue", moderator.token()).json().get("items");
        assertThat(queue.findValuesAsString("id")).containsOnlyOnce(c1);
    }

    @Test
    void concurrentReportsOfOneTargetKeepAnExactCount() throws Exception {
        // given 12 members, and no holding by flags (the post would leave the reporters' view)
        assertThat(api.put("/api/v1/moderation/options", Map.of("flagHoldWeight", 0), admin.token()).status()).isEqualTo(200);
        var members = new ArrayList<Member>();
        for (int i = 0; i < 12; i++) members.add(api.member("crowd" + i + "-mod" + run + "@example.com", "Crowd " + i));
        // when all report the post at once
        try (var pool = Executors.newFixedThreadPool(12)) {
            var tasks = new ArrayList<Callable<Integer>>();
            for (var m : members) tasks.add(() -> api.post("/api/v1/reports", Map.of("targetType", "post", "targetId", post, "reason", "spam"), m.token()).status());
            for (var f : pool.invokeAll(tasks)) assertThat(f.get()).isEqualTo(201);
        }
        // then one case counts twelve
        var counts = jdbc.sql("select report_count from moderation_cases where target_type = 'post' and target_id = :p").param("p", post).query(Integer.class).list();
        assertThat(counts).containsExactly(12);
        api.put("/api/v1/moderation/options", Map.of(), admin.token());
    }

    @Test
    void aMemberCannotReportTheSameTargetTwice() {
        report(reader, "post", post, "spam");
        var again = api.post("/api/v1/reports", Map.of("targetType", "post", "targetId", post, "reason", "other"), reader.token());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).endsWith("already-reported");
        assertThat(jdbc.sql("select report_count from moderation_cases where target_id = :p").param("p", post).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void badReportsAreRefusedWithTheRightStatus() {
        assertThat(api.post("/api/v1/reports", Map.of("targetType", "post", "targetId", post, "reason", "ugly"), reader.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/reports", Map.of("targetType", "poem", "targetId", post, "reason", "spam"), reader.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/reports", Map.of("targetType", "post", "targetId", "999999", "reason", "spam"), reader.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/reports", Map.of("targetType", "post", "targetId", post, "reason", "spam"), author.token()).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/reports", Map.of("targetType", "post", "targetId", post, "reason", "spam")).status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from moderation_reports where target_id = :p").param("p", post).query(Long.class).single()).isZero();
    }

    @Test
    void aHiddenPostShowsOnlyToItsAuthorWithTheReasonAndToStaff() {
        // given a reported post
        var c = report(reader, "post", post, "harassment");
        // when a moderator hides it
        assertThat(act(moderator, c, Map.of("action", "hide", "note", "誹謗中傷のため"))).isEqualTo(200);
        // then readers and visitors do not see it, its author sees it with the reason, staff see it
        assertThat(api.get("/api/v1/threads/" + thread + "/posts", reader.token()).json().get("items").findValuesAsString("id")).doesNotContain(post);
        assertThat(api.get("/api/v1/threads/" + thread + "/posts").json().get("items").findValuesAsString("id")).doesNotContain(post);
        var mine = api.get("/api/v1/threads/" + thread + "/posts", author.token()).json().get("items");
        assertThat(mine.findValuesAsString("id")).contains(post);
        assertThat(mine.toString()).contains("\"moderation\":\"hidden\"").contains("誹謗中傷のため");
        assertThat(api.get("/api/v1/threads/" + thread + "/posts", admin.token()).json().get("items").findValuesAsString("id")).contains(post);
        assertThat(api.get("/api/v1/threads/" + thread, reader.token()).json().get("postCount").asInt()).isEqualTo(1);
        // and nobody but staff can react to it
        assertThat(api.post("/api/v1/posts/" + post + "/reactions", Map.of("type", "like"), reader.token()).status()).isEqualTo(404);
        // and the author was told why, with a link to appeal
        var mail = TestMail.await(author.email(), "非表示");
        assertThat(TestMail.body(mail)).contains("誹謗中傷のため").contains("/moderation/appeals/new?action=");
        // and restoring shows it again
        assertThat(act(moderator, c, Map.of("action", "restore"))).isEqualTo(200);
        assertThat(api.get("/api/v1/threads/" + thread + "/posts", reader.token()).json().get("items").findValuesAsString("id")).contains(post);
    }

    @Test
    void aHiddenThreadIs404AndLeavesTheSpaceList() {
        var c = report(author, "thread", thread, "off_topic");
        assertThat(act(moderator, c, Map.of("action", "hide"))).isEqualTo(200);
        assertThat(api.get("/api/v1/threads/" + thread, author.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/threads/" + thread).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/threads/" + thread, reader.token()).json().get("moderation").asString()).isEqualTo("hidden");
        assertThat(api.get("/api/v1/spaces/" + space + "/threads", author.token()).json().get("items").findValuesAsString("id")).doesNotContain(thread);
    }

    @Test
    void aSuspendedMemberCannotWriteAnywhereButCanStillRead() {
        // given the author suspended for 3 days
        var c = report(reader, "post", post, "spam");
        assertThat(act(moderator, c, Map.of("action", "suspend", "days", 3, "note", "スパム"))).isEqualTo(200);
        // then every write is a 403 of type suspended
        for (var r : new io.kizuna.support.Api.Response[] {
            api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "まだ書きたい"), author.token()),
            api.post("/api/v1/spaces/" + space + "/threads", Map.of("title", "新しい", "body", "本文", "kind", "discussion"), author.token()),
            api.put("/api/v1/posts/" + post, Map.of("body", "書き換え"), author.token()),
            api.post("/api/v1/posts/" + post + "/reactions", Map.of("type", "like"), author.token())}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.json().get("type").asString()).endsWith("suspended");
        }
        // but reading still works
        assertThat(api.get("/api/v1/threads/" + thread + "/posts", author.token()).status()).isEqualTo(200);
        assertThat(TestMail.await(author.email(), "利用停止")).isNotNull();
    }

    @Test
    void aBannedMemberCannotWrite() {
        var c = report(reader, "member", author.id(), "harassment");
        assertThat(act(admin, c, Map.of("action", "ban"))).isEqualTo(200);
        var r = api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "戻ってきた"), author.token());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("type").asString()).endsWith("banned");
    }

    @Test
    void aWarningMailsTheMemberWithTheGuidelinesQuoted() {
        api.post("/api/v1/guidelines", Map.of("body", "相手を尊重しましょう。", "material", false), admin.token());
        var c = report(reader, "post", post, "harassment");
        assertThat(act(moderator, c, Map.of("action", "warn", "note", "言葉づかいに注意"))).isEqualTo(200);
        var mail = TestMail.await(author.email(), "警告");
        assertThat(TestMail.body(mail)).contains("言葉づかいに注意").contains("> 相手を尊重しましょう。");
    }

    @Test
    void badActionsAreRefusedAndChangeNothing() {
        var c = report(reader, "post", post, "spam");
        assertThat(act(moderator, c, Map.of("action", "explode"))).isEqualTo(400);
        assertThat(act(moderator, c, Map.of("action", "suspend"))).isEqualTo(400);
        assertThat(act(moderator, c, Map.of("action", "suspend", "days", 0))).isEqualTo(400);
        assertThat(act(moderator, c, Map.of("action", "escalate", "route", "nowhere"))).isEqualTo(422);
        assertThat(act(moderator, "999999", Map.of("action", "hide"))).isEqualTo(404);
        assertThat(api.post("/api/v1/moderation/reports/" + c + "/actions", "{not json", moderator.token()).status()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from moderation_audit where case_id = :c").param("c", Long.parseLong(c)).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select status from moderation_cases where id = :id").param("id", Long.parseLong(c)).query(String.class).single()).isEqualTo("open");
    }

    @Test
    void aModeratorCannotSanctionAnotherModerator() {
        var modThread = api.post("/api/v1/threads/" + thread + "/posts", Map.of("body", "モデレーターの投稿"), otherModerator.token()).json().get("id").asString();
        var c = report(reader, "post", modThread, "other");
        assertThat(act(moderator, c, Map.of("action", "suspend", "days", 1))).isEqualTo(403);
        assertThat(act(admin, c, Map.of("action", "warn"))).isEqualTo(200);
    }

    @Test
    void anEscalatedCaseReachesTheRouteStaffInTheirOwnQueue() {
        // given a legal route whose staff is an ordinary member
        var lawyer = api.member("lawyer-mod" + run + "@example.com", "Lawyer");
        assertThat(api.put("/api/v1/moderation/routes/legal", Map.of("name", "法務", "staffIds", java.util.List.of(lawyer.id())), admin.token()).status()).isEqualTo(200);
        var c = report(reader, "post", post, "illegal");
        assertThat(api.get("/api/v1/moderation/queue", lawyer.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/moderation/queue", lawyer.token()).json().get("items").findValuesAsString("id")).doesNotContain(c);
        // when a moderator escalates it
        assertThat(act(moderator, c, Map.of("action", "escalate", "route", "legal", "note", "名誉毀損の可能性"))).isEqualTo(200);
        // then the route's staff are mailed and see it in their queue, and may act on it
        assertThat(TestMail.body(TestMail.await(lawyer.email(), "エスカレーション"))).contains("名誉毀損の可能性").contains("/moderation/cases/" + c);
        assertThat(api.get("/api/v1/moderation/queue?route=legal", lawyer.token()).json().get("items").findValuesAsString("id")).contains(c);
        assertThat(act(lawyer, c, Map.of("action", "hide"))).isEqualTo(200);
    }

    @Test
    void anAppealIsDecidedByADifferentModeratorAndOverturningRestores() {
        // given a hidden post
        var c = report(reader, "post", post, "spam");
        assertThat(act(moderator, c, Map.of("action", "hide"))).isEqualTo(200);
        var action = api.get("/api/v1/me/moderation", author.token()).json().get("items").get(0);
        assertThat(action.get("action").asString()).isEqualTo("hide");
        // when the author appeals
        var appeal = api.post("/api/v1/moderation/appeals", Map.of("actionId", action.get("id").asString(), "body", "スパムではありません"), author.token());
        assertThat(appeal.status()).isEqualTo(201);
        String id = appeal.json().get("id").asString();
        // then a second appeal of it is a 409, someone else cannot appeal it
        assertThat(api.post("/api/v1/moderation/appeals", Map.of("actionId", action.get("id").asString(), "body", "もう一度"), author.token()).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/moderation/appeals", Map.of("actionId", action.get("id").asString(), "body", "代理"), reader.token()).status()).isEqualTo(404);
        // and the acting moderator may not decide it
        var own = api.post("/api/v1/moderation/appeals/" + id + "/decision", Map.of("outcome", "overturn"), moderator.token());
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.json().get("type").asString()).endsWith("same-moderator");
        // but another moderator may, and overturning shows the post again
        assertThat(api.post("/api/v1/moderation/appeals/" + id + "/decision", Map.of("outcome", "overturn", "note", "確認しました"), otherModerator.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/threads/" + thread + "/posts", reader.token()).json().get("items").findValuesAsString("id")).contains(post);
        assertThat(api.post("/api/v1/moderation/appeals/" + id + "/decision", Map.of("outcome", "uphold"), admin.token()).status()).isEqualTo(409);
        assertThat(TestMail.await(author.email(), "認められました")).isNotNull();
    }

    @Test
    void theAuditLogRecordsActionsAndPermissionChangesAndExportsCsv() {
        var c = report(reader, "post", post, "spam");
        act(moderator, c, Map.of("action", "dismiss", "note", "=HYPERLINK(\"x\")"));
        api.patch("/api/v1/users/" + reader.id() + "/role", Map.of("role", "ambassador"), admin.token());
        var all = api.get("/api/v1/moderation/audit", moderator.token()).json().get("items");
        assertThat(all.findValuesAsString("action")).contains("dismiss", "role.change");
        var filtered = api.get("/api/v1/moderation/audit?action=dismiss&actor=" + moderator.id(), admin.token()).json().get("items");
        assertThat(filtered.findValuesAsString("action")).containsOnly("dismiss");
        var csv = api.get("/api/v1/moderation/audit.csv?action=dismiss", admin.token());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).contains("dismiss").contains("\"'=HYPERLINK(\"\"x\"\")\"").doesNotContain("role.change");
        assertThat(api.get("/api/v1/moderation/audit?from=yesterday", admin.token()).status()).isEqualTo(400);
    }
}
