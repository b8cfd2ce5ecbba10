package io.kizuna.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api;
import io.kizuna.support.IntegrationTestBase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** Two Kizuna nodes on one PostgreSQL, each with its own data directory and search index. */
class TwoNodesIntegrationTests extends IntegrationTestBase {
    @Value("${kizuna.database.url}")
    String url;


    @Test
    void eachNodeSearchesWhatTheOtherWrote() throws Exception {
        try (var nodeB = io.kizuna.support.SecondNode.start(url)) {
            assertThat(nodeB.getBean(javax.sql.DataSource.class).unwrap(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl()).isEqualTo(url);
            var b = new Api(io.kizuna.support.SecondNode.base(nodeB));
            var admin = withRole("admin-n@example.com", "admin");
            api.post("/api/v1/spaces", Map.of("slug", "nodes", "name", "Nodes", "visibility", "public"), admin.token());
            // written on node A, found on node B
            api.post("/api/v1/spaces/nodes/threads", Map.of("title", "抹茶ラテの作り方", "body", "泡立て器を使います", "kind", "question"), admin.token());
            long t0 = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> b.get("/api/v1/search?q=" + URLEncoder.encode("抹茶", StandardCharsets.UTF_8)).json().get("items").size() == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            // written on node B (with a token issued by node A), found on node A
            var thread = b.post("/api/v1/spaces/nodes/threads", Map.of("title", "ほうじ茶の淹れ方", "body", "熱湯で", "kind", "question"), admin.token());
            assertThat(thread.status()).isEqualTo(201);
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get("/api/v1/search?q=" + URLEncoder.encode("ほうじ茶", StandardCharsets.UTF_8)).json().get("items").size() == 1);
        }
    }
}
