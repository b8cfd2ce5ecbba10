package io.kizuna.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api;
import io.kizuna.support.IntegrationTestBase;
import io.kizuna.support.Race;
import io.kizuna.support.SecondNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** Two Kizuna nodes on one PostgreSQL: listeners on either node get the same events in the same order. */
class LiveTwoNodesIntegrationTests extends IntegrationTestBase {
    @Value("${kizuna.database.url}")
    String url;

    @Test
    void listenersOnBothNodesGetEveryMessageInTheSameOrder() throws Exception {
        try (var nodeB = SecondNode.start(url)) {
            String baseB = SecondNode.base(nodeB);
            var b = new Api(baseB);
            var admin = withRole("two-admin@example.com", "admin");
            LiveFixtures.product(api, admin.token(), "TWO-1", 1000, 10);
            String show = LiveFixtures.started(api, admin.token(), "二台のノード", "TWO-1");
            var members = new ArrayList<Api.Member>();
            for (int i = 0; i < 4; i++) members.add(api.member("two-" + i + "@example.com", "ノード" + i));
            try (var onA = new SseClient("http://127.0.0.1:" + port + "/api/v1/live-sessions/" + show + "/events", null, null);
                 var onB = new SseClient(baseB + "/api/v1/live-sessions/" + show + "/events", null, null)) {
                onA.await("viewers");
                onB.await("viewers");
                // four members post ten messages each at once, half through each node
                var tasks = new ArrayList<Callable<Integer>>();
                for (int i = 0; i < members.size(); i++) {
                    var m = members.get(i);
                    var via = i % 2 == 0 ? api : b;
                    int who = i;
                    tasks.add(() -> {
                        for (int k = 0; k < 10; k++) {
                            var r = LiveFixtures.chat(via, show, m.token(), "m" + who + "-" + k, "chat");
                            if (r.status() != 201) throw new AssertionError(r.toString());
                        }
                        return 10;
                    });
                }
                Race.race(tasks);
                var seenA = onA.collect("message", 40);
                var seenB = onB.collect("message", 40);
                assertThat(seenB).extracting(SseClient.Event::id).containsExactlyElementsOf(seenA.stream().map(SseClient.Event::id).toList());
                assertThat(seenB).extracting(SseClient.Event::data).containsExactlyElementsOf(seenA.stream().map(SseClient.Event::data).toList());
                List<Long> ids = seenA.stream().map(e -> Long.parseLong(e.id())).toList();
                for (int i = 1; i < ids.size(); i++) assertThat(ids.get(i)).as("no gaps, in order").isEqualTo(ids.get(i - 1) + 1);
                assertThat(seenA.stream().map(SseClient.Event::data).distinct().count()).isEqualTo(40);

                // viewers are counted over both nodes, and a reaction on node B reaches node A's listener
                onA.awaitSeenOrNext(e -> e.name().equals("viewers") && e.data().equals("{\"count\":2}"));
                onB.awaitSeenOrNext(e -> e.name().equals("viewers") && e.data().equals("{\"count\":2}"));
                assertThat(b.post("/api/v1/live-sessions/" + show + "/reactions", Map.of("type", "clap"), members.get(1).token()).status()).isEqualTo(202);
                assertThat(onA.await("reaction").data()).isEqualTo("{\"clap\":1}");
            }
        }
    }
}
