package io.kizuna.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api;
import io.kizuna.support.ApplicationTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reads go through a short per-node cache shared by everyone who may see the content; a write on this node is
 * read back at once, by its writer and by visitors; visibility is checked per request, outside the cache.
 */
class ReadCacheIntegrationTests extends ApplicationTestBase {

    @DynamicPropertySource
    static void longCache(DynamicPropertyRegistry registry) throws Exception {
        configure(registry, false);
        registry.add("kizuna.read-cache-ms", () -> "60000");
    }

    @Test
    void writesOnThisNodeAreReadAtOnceWhileOtherWritesWaitForTheCache() {
        var admin = withRole("admin-c@example.com", "admin");
        var member = api.member("member-c@example.com", "Member");
        api.post("/api/v1/spaces", Map.of("slug", "cached", "name", "Cached", "visibility", "public"), admin.token());
        assertThat(api.get("/api/v1/spaces/cached/threads").json().get("items")).isEmpty();
        String id = api.post("/api/v1/spaces/cached/threads", Map.of("title", "新しい話題", "body", "本文", "kind", "discussion"), admin.token())
            .json().get("id").asString();
        assertThat(api.get("/api/v1/spaces/cached/threads").json().get("items")).hasSize(1);
        assertThat(api.get("/api/v1/spaces/cached/threads", member.token()).json().get("items")).hasSize(1);
        assertThat(api.get("/api/v1/threads/" + id + "/posts", member.token()).json().get("items")).hasSize(1);
        api.post("/api/v1/threads/" + id + "/posts", Map.of("body", "返信"), member.token());
        assertThat(api.get("/api/v1/threads/" + id + "/posts", member.token()).json().get("items")).hasSize(2);
        assertThat(api.get("/api/v1/threads/" + id).json().get("postCount").asInt()).isEqualTo(2);

        // a change that did not go through this node (another node, or SQL) shows once the entry ages out
        jdbc.sql("update community_threads set title = 'よそで変えた' where id = :id").param("id", Long.parseLong(id)).update();
        assertThat(api.get("/api/v1/threads/" + id, member.token()).json().get("title").asString()).isEqualTo("新しい話題");
    }

    @Test
    void privateContentStaysHiddenWhateverTheCacheHolds() {
        var admin = withRole("admin-h@example.com", "admin");
        var insider = api.member("insider-h@example.com", "Insider");
        var outsider = api.member("outsider-h@example.com", "Outsider");
        String id = spaceWithThread(admin, "hidden", "private", "秘密");
        assertThat(api.get("/api/v1/threads/" + id + "/posts", admin.token()).status()).isEqualTo(200);
        for (var path : new String[] {"/api/v1/spaces/hidden/threads", "/api/v1/threads/" + id, "/api/v1/threads/" + id + "/posts"}) {
            assertThat(api.get(path).status()).as(path).isEqualTo(404);
            assertThat(api.get(path, outsider.token()).status()).as(path).isEqualTo(404);
            assertThat(api.get(path, insider.token()).status()).as(path).isEqualTo(404);
        }
        api.post("/api/v1/spaces/hidden/members", Map.of("userId", insider.id()), admin.token());
        assertThat(api.get("/api/v1/threads/" + id + "/posts", insider.token()).status()).as("added: at once").isEqualTo(200);
        assertThat(api.get("/api/v1/threads/" + id + "/posts", outsider.token()).status()).isEqualTo(404);
    }

    /** A new space of that visibility with one thread by {@code admin}; the thread's id. */
    private String spaceWithThread(Api.Member admin, String slug, String visibility, String title) {
        api.post("/api/v1/spaces", Map.of("slug", slug, "name", slug, "visibility", visibility), admin.token());
        return api.post("/api/v1/spaces/" + slug + "/threads", Map.of("title", title, "body", "本文", "kind", "discussion"), admin.token())
            .json().get("id").asString();
    }

    @Test
    void aReplyTrustsCachedFactsOnlyWhileTheDatabaseStillAgrees() {
        var admin = withRole("admin-w@example.com", "admin");
        var member = api.member("member-w@example.com", "Member");
        var outsider = api.member("outsider-w@example.com", "Outsider");
        String open = spaceWithThread(admin, "open-w", "public", "公開の話題");
        assertThat(api.post("/api/v1/threads/" + open + "/posts", Map.of("body", "返信"), member.token()).status()).isEqualTo(201);
        long posts = count("community_posts");

        // another node (here: SQL) makes the space private; this node still holds the facts it allowed on
        jdbc.sql("update community_spaces set visibility = 'private' where slug = 'open-w'").update();
        assertThat(api.post("/api/v1/threads/" + open + "/posts", Map.of("body", "外から"), outsider.token()).status()).isEqualTo(404);
        assertThat(count("community_posts")).isEqualTo(posts);
        jdbc.sql("update community_spaces set visibility = 'public' where slug = 'open-w'").update();

        // held by a moderator elsewhere: only its author and staff may still see it, so a member's reply is refused
        jdbc.sql("update community_threads set moderation = 'held' where id = :id").param("id", Long.parseLong(open)).update();
        assertThat(api.post("/api/v1/threads/" + open + "/posts", Map.of("body", "保留中"), member.token()).status()).isEqualTo(404);
        jdbc.sql("update community_threads set moderation = null, locked = true where id = :id").param("id", Long.parseLong(open)).update();
        assertThat(api.post("/api/v1/threads/" + open + "/posts", Map.of("body", "ロック中"), member.token()).status()).isEqualTo(409);
        assertThat(count("community_posts")).isEqualTo(posts);

        // a refusal is decided on the database's facts: a space made public elsewhere takes replies at once
        String closed = spaceWithThread(admin, "closed-w", "private", "非公開の話題");
        assertThat(api.post("/api/v1/threads/" + closed + "/posts", Map.of("body", "まだ"), outsider.token()).status()).isEqualTo(404);
        jdbc.sql("update community_spaces set visibility = 'public' where slug = 'closed-w'").update();
        assertThat(api.post("/api/v1/threads/" + closed + "/posts", Map.of("body", "公開後"), outsider.token()).status()).isEqualTo(201);
    }
}
