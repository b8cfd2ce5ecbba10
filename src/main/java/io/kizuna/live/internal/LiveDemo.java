package io.kizuna.live.internal;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.live.ChatManagement;
import io.kizuna.live.ChatManagement.NewMessage;
import io.kizuna.live.LiveManagement;
import io.kizuna.live.LiveManagement.NewShow;
import io.kizuna.live.LiveShopping;
import io.kizuna.platform.DemoSeeder;
import io.kizuna.shared.Actor;
import io.kizuna.shared.Role;
import io.kizuna.store.OrderManagement.AddressForm;
import io.kizuna.store.OrderManagement.NewItem;
import io.kizuna.store.OrderManagement.NewOrder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo shows, written through the same services hosts and viewers use: a tasting show three days ago with its chat,
 * questions and answers, in-show orders and viewer figures (replay and report), and a hand-drip class in three days.
 */
@Component
class LiveDemo implements DemoSeeder {
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final String[][] CHAT = {
        // minute, member, kind (a: answers the previous question), text
        {"1", "takahashi.yui", "chat", "こんばんは！楽しみにしていました"},
        {"2", "tanaka.ken", "chat", "音声きれいに聞こえます"},
        {"4", "ito.sakura", "question", "イルガチェフェは浅煎りだけですか？"},
        {"5", "sato.hanako", "a", "今回は浅煎りのみです。中煎りは来月入荷予定です！"},
        {"8", "watanabe.ren", "chat", "香りがすごそう…"},
        {"12", "takahashi.yui", "question", "ペーパーとネル、どちらがおすすめですか？"},
        {"13", "suzuki.taro", "a", "すっきり飲みたいならペーパー、まろやかさならネルがおすすめです"},
        {"18", "tanaka.ken", "chat", "ケトルの注ぎ方、参考になります"},
        {"22", "ito.sakura", "chat", "注文しました！"},
        {"27", "watanabe.ren", "question", "ミルの粒度は何番がいいですか？"},
        {"28", "sato.hanako", "a", "ハンドドリップなら8〜10番あたりから試してください"},
        {"35", "takahashi.yui", "chat", "ドリッパーセットもほしくなってきた"},
        {"41", "tanaka.ken", "question", "送料はいくらですか？"},
        {"48", "suzuki.taro", "chat", "今日のおすすめ、全部メモしました"},
        {"55", "ito.sakura", "chat", "ありがとうございました！次回も見ます"},
    };

    private final LiveManagement live;
    private final ChatManagement chat;
    private final LiveShopping shopping;
    private final IdentityManagement identity;
    private final JdbcClient jdbc;

    LiveDemo(LiveManagement live, ChatManagement chat, LiveShopping shopping, IdentityManagement identity, JdbcClient jdbc) {
        this.live = live;
        this.chat = chat;
        this.shopping = shopping;
        this.identity = identity;
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void seed() {
        if (jdbc.sql("select count(*) from live_sessions").query(Long.class).single() > 0) return;
        var staff = identity.actorByEmail("sato.hanako@demo.kizuna.invalid").orElseThrow();
        var host = new Actor(staff.id(), staff.displayName(), Role.MODERATOR, true);
        var today = LocalDate.now(JAPAN);
        var started = today.minusDays(3).atTime(LocalTime.of(20, 0)).atZone(JAPAN).toOffsetDateTime();

        var tasting = live.create(host, new NewShow("秋の新豆テイスティングライブ", "バリスタの佐藤がエチオピアとコロンビアの新豆を淹れ比べます。道具の選び方もご紹介。",
            started.toString(), "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            List.of("ETHIOPIA_YIRGACHEFFE-200G", "COLOMBIA_SUPREMO-200G", "KETTLE-08", "MILL-CE"), "public"));
        live.start(host, tasting.id());
        live.pin(host, tasting.id(), "ETHIOPIA_YIRGACHEFFE-200G");
        String lastQuestion = null;
        for (var line : CHAT) {
            var who = identity.actorByEmail(line[1] + "@demo.kizuna.invalid").orElseThrow();
            boolean answer = line[2].equals("a");
            var m = chat.post(who, tasting.id(), new NewMessage(line[3], answer ? "answer" : line[2], answer ? lastQuestion : null));
            if (answer) chat.markAnswered(host, tasting.id(), lastQuestion);
            if (line[2].equals("question")) lastQuestion = m.id();
            jdbc.sql("update live_messages set created_at = :at where id = :id")
                .param("at", started.plusMinutes(Long.parseLong(line[0])).plusSeconds(15)).param("id", Long.parseLong(m.id())).update();
        }
        for (var buyer : List.of("ito.sakura", "tanaka.ken", "takahashi.yui")) {
            var who = identity.actorByEmail(buyer + "@demo.kizuna.invalid").orElseThrow();
            var order = shopping.place(who, tasting.id(), new NewOrder(List.of(new NewItem("ETHIOPIA_YIRGACHEFFE-200G", BigDecimal.ONE)), "bank_transfer",
                new AddressForm("デモ 太郎", "150-0001", "13", "渋谷区神宮前", "1-2-3", null, "03-1234-5678"), null), null);
            jdbc.sql("update live_orders set created_at = :at, during_live = true where order_id = :id")
                .param("at", started.plusMinutes(20 + buyer.length())).param("id", Long.parseLong(order.order().id())).update();
        }
        live.end(host, tasting.id());
        long id = Long.parseLong(tasting.id());
        live.backdate(id, started, started.plusMinutes(60));
        audience(id, started);

        var classAt = today.plusDays(3).atTime(LocalTime.of(20, 0)).atZone(JAPAN).toOffsetDateTime();
        live.create(host, new NewShow("はじめてのハンドドリップ教室", "ケトル・ミル・ドリッパーの使い方を一から。質問はチャットでどうぞ。",
            classAt.toString(), "https://www.youtube.com/watch?v=dQw4w9WgXcQ", List.of("KETTLE-08", "MILL-CE", "DRIPPER-SET"), "public"));
    }

    /** Viewer figures of the past show: a curve that rises, peaks mid-show and tails off, every minute for an hour. */
    private void audience(long id, OffsetDateTime started) {
        int peak = 0;
        for (int minute = 0; minute <= 60; minute++) {
            int viewers = (int) Math.round(40 + 180 * Math.sin(Math.PI * minute / 60.0) + (minute % 7) * 3);
            peak = Math.max(peak, viewers);
            jdbc.sql("insert into live_viewer_samples (session_id, at, node_id, viewers) values (:s, :at, 'demo', :v)")
                .param("s", id).param("at", started.plusMinutes(minute)).param("v", viewers).update();
        }
        jdbc.sql("insert into live_unique_viewers (session_id, viewer, first_seen) select :s, 'a:demo-' || n, :at from generate_series(1, 310) n")
            .param("s", id).param("at", started).update();
        jdbc.sql("update live_sessions set peak_viewers = :p, reactions = 1284 where id = :s").param("p", peak).param("s", id).update();
    }
}
