package io.kizuna.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.platform.DemoSeeder;
import io.kizuna.support.IntegrationTestBase;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The demo shows (seeded through the real services, once) and the live pages rendered from them. */
class LivePagesIntegrationTests extends IntegrationTestBase {
    private static final String DEMO_PASSWORD = "kizuna-demo-2026";
    private static boolean seeded;

    @Autowired
    List<DemoSeeder> seeders;

    @BeforeEach
    void demo() {
        if (seeded) return;
        // the demo members, the store and the shows (the community demo is left out: it is not needed and slow)
        var needed = seeders.stream().filter(s -> Set.of(0, 30, 50).contains(s.order())).sorted(Comparator.comparingInt(DemoSeeder::order)).toList();
        assertThat(needed).hasSize(3);
        needed.forEach(DemoSeeder::seed);
        needed.forEach(DemoSeeder::seed);
        seeded = true;
    }

    private JsonNode shows(String state) {
        return api.get("/api/v1/live-sessions?state=" + state).json().get("items");
    }

    @Test
    void theDemoHasAnEndedShowWithAReplayAndAReportAndAScheduledShow() {
        assertThat(count("live_sessions")).isEqualTo(2);
        var ended = shows("ended");
        assertThat(ended).hasSize(1);
        String id = ended.get(0).get("id").asString();
        var messages = api.get("/api/v1/live-sessions/" + id + "/messages?limit=100").json().get("items");
        assertThat(messages).hasSize(15);
        assertThat(messages.get(14).get("offsetSeconds").asLong()).isEqualTo(55 * 60 + 15);
        assertThat(api.get("/api/v1/live-sessions/" + id + "/questions?status=answered").json().get("items")).hasSize(3);
        var staff = api.login("sato.hanako@demo.kizuna.invalid", DEMO_PASSWORD);
        var report = api.get("/api/v1/live-sessions/" + id + "/report", staff.token()).json();
        assertThat(report.get("orders").asInt()).isEqualTo(3);
        assertThat(report.get("peakViewers").asInt()).isGreaterThan(200);
        assertThat(report.get("conversion").asDouble()).isGreaterThan(0);
        assertThat(shows("scheduled")).hasSize(1);
    }

    @Test
    void theListAndShowPagesRenderEachStateInBothLanguages() {
        var list = api.get("/live");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("秋の新豆テイスティングライブ", "はじめてのハンドドリップ教室", "配信予定");
        String scheduled = shows("scheduled").get(0).get("id").asString();
        var page = api.get("/live/" + scheduled);
        assertThat(page.body()).contains("id=\"countdown\"", "data-state=\"scheduled\"", "ログインすると開始時にお知らせを受け取れます");
        String ended = shows("ended").get(0).get("id").asString();
        var replay = api.get("/live/" + ended);
        assertThat(replay.body()).contains("data-state=\"ended\"", "id=\"replay-time\"", "youtube-nocookie.com/embed/", "aria-live=\"polite\"");
        assertThat(api.get("/live/" + ended + "?lang=en").body()).contains("This show has ended");
        assertThat(api.get("/live/999999").status()).isEqualTo(404);
    }

    @Test
    void aMemberSetsAReminderOnThePageAndStaffReadTheReportWithCharts() {
        var member = signedInClient("takahashi.yui@demo.kizuna.invalid", DEMO_PASSWORD);
        String scheduled = shows("scheduled").get(0).get("id").asString();
        var page = member.get("/live/" + scheduled);
        var remind = member.raw("POST", "/live/" + scheduled + "/reminder", "application/x-www-form-urlencoded", "_csrf=" + enc(page.csrf()) + "&remind=true");
        assertThat(remind.status()).isEqualTo(302);
        assertThat(member.get("/live/" + scheduled).body()).contains("aria-pressed=\"true\"");
        String ended = shows("ended").get(0).get("id").asString();
        assertThat(member.get("/live/" + ended + "/report").status()).isEqualTo(403);
        var staff = signedInClient("sato.hanako@demo.kizuna.invalid", DEMO_PASSWORD);
        var report = staff.get("/live/" + ended + "/report");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains("id=\"chart-viewers\"", "id=\"chart-messages\"", "id=\"chart-orders\"", "id=\"chart-revenue\"",
            "id=\"chart-questions\"", "<svg", "購入率");
        assertThat(staff.get("/live/new").body()).contains("id=\"new-show-form\"");
        assertThat(member.get("/live/new").status()).isEqualTo(403);
    }
}
