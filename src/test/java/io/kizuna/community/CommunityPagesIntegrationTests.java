package io.kizuna.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.IntegrationTestBase;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommunityPagesIntegrationTests extends IntegrationTestBase {

    @Test
    void publicThreadsRenderServerSideForAnonymousVisitors() {
        var admin = withRole("admin-p@example.com", "admin");
        var member = api.member("asker-p@example.com", "質問者");
        api.post("/api/v1/spaces", Map.of("slug", "help", "name", "ヘルプ", "visibility", "public"), admin.token());
        String id = api.post("/api/v1/spaces/help/threads", Map.of("title", "充電できない", "body", "**助けて**", "kind", "question"), member.token())
            .json().get("id").asString();
        var spaces = api.get("/spaces");
        assertThat(spaces.body()).contains("ヘルプ").contains("href=\"/s/help\"");
        var list = api.get("/s/help");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("<title>ヘルプ | Kizuna</title>").contains("href=\"/t/" + id + "\"").contains("充電できない");
        var page = api.get("/t/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>充電できない | Kizuna</title>").contains("<link rel=\"canonical\" href=\"/t/" + id + "\">")
            .contains("<strong>助けて</strong>").contains("ログインして返信する");
    }

    @Test
    void privateThreadPagesAre404ToOutsiders() {
        var admin = withRole("admin-q@example.com", "admin");
        api.post("/api/v1/spaces", Map.of("slug", "secret", "name", "秘密", "visibility", "private"), admin.token());
        String id = api.post("/api/v1/spaces/secret/threads", Map.of("title", "社外秘", "body", "本文", "kind", "discussion"), admin.token())
            .json().get("id").asString();
        assertThat(api.get("/t/" + id).status()).isEqualTo(404);
        assertThat(api.get("/t/" + id).body()).doesNotContain("社外秘");
        assertThat(api.get("/s/secret").status()).isEqualTo(404);
        assertThat(api.get("/spaces").body()).doesNotContain("秘密");
    }

    @Test
    void theXssCorpusRendersHarmlessOnTheThreadPage() {
        var admin = withRole("admin-x@example.com", "admin");
        var member = api.member("xss@example.com", "X");
        api.post("/api/v1/spaces", Map.of("slug", "xss", "name", "XSS", "visibility", "public"), admin.token());
        String id = api.post("/api/v1/spaces/xss/threads", Map.of("title", "<script>alert('title')</script>", "body", "start", "kind", "discussion"), member.token())
            .json().get("id").asString();
        for (String payload : MarkdownTests.xssCorpus()) {
            var r = api.post("/api/v1/threads/" + id + "/posts", Map.of("body", payload), member.token());
            assertThat(r.status()).isEqualTo(201);
            String html = r.json().get("bodyHtml").asString().toLowerCase(Locale.ROOT);
            assertThat(html).doesNotContain("<script").doesNotContainPattern("<[a-z][^>]*\\son[a-z]+\\s*=");
        }
        String page = api.get("/t/" + id).body().toLowerCase(Locale.ROOT);
        // payloads appear only as escaped text: no live tag, handler or javascript: URL
        assertThat(page).doesNotContain("<script>alert").doesNotContain("href=\"javascript").doesNotContain("src=\"javascript")
            .doesNotContain("<iframe").doesNotContain("<svg").doesNotContain("<img").doesNotContainPattern("<[a-z][^>]*\\son[a-z]+\\s*=");
        assertThat(page).contains("&lt;script&gt;alert(");
    }
}
