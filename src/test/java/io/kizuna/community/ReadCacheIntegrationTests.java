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

    @Test
    void anOrderTrustsCachedCatalogFactsOnlyWhileTheDatabaseStillAgrees() {
        var admin = withRole("admin-o@example.com", "admin");
        var buyer = api.member("buyer-o@example.com", "Buyer");
        var product = new java.util.HashMap<String, Object>(Map.of("slug", "cached-o", "name", "豆", "description", "説明", "taxRate", "reduced",
            "visibility", "public", "category", "coffee", "perMemberLimit", 50,
            "variants", java.util.List.of(Map.of("sku", "CACHED-O", "name", "200g", "price", 1000, "stock", 40))));
        assertThat(api.post("/api/v1/products", product, admin.token()).status()).isEqualTo(201);
        var order = Map.of("items", java.util.List.of(Map.of("sku", "CACHED-O", "quantity", 1)), "paymentMethod", "bank_transfer",
            "shippingAddress", Map.of("name", "山田 花子", "postalCode", "150-0001", "prefecture", "13", "city", "渋谷区", "line1", "1-2-3",
                "phone", "03-1234-5678"));
        var first = api.post("/api/v1/orders", order, buyer.token());
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("items").get(0).get("unitPrice").asInt()).isEqualTo(1000);

        // another node (here: SQL) raises the price: this node's cached row no longer agrees, so the order is priced afresh
        jdbc.sql("update store_variants set price = 1500 where sku = 'CACHED-O'").update();
        var repriced = api.post("/api/v1/orders", order, buyer.token());
        assertThat(repriced.status()).isEqualTo(201);
        assertThat(repriced.json().get("items").get(0).get("unitPrice").asInt()).isEqualTo(1500);
        assertThat(repriced.json().get("totals").get("total").asInt()).isEqualTo(
            jdbc.sql("select total from store_orders where id = :id").param("id", Long.parseLong(repriced.json().get("id").asString()))
                .query(Integer.class).single());

        // a sale start moved into the future elsewhere: the drop's rules are among the facts checked
        api.post("/api/v1/orders", order, buyer.token()); // cached again
        jdbc.sql("update store_products set sale_starts_at = now() + interval '1 day' where slug = 'cached-o'").update();
        long orders = count("store_orders");
        int mails = mailsTo("buyer-o@example.com");
        var early = api.post("/api/v1/orders", order, buyer.token());
        assertThat(early.status()).as(early.toString()).isEqualTo(422);
        assertThat(early.json().get("type").asString()).endsWith("not-on-sale-yet");
        assertThat(count("store_orders")).isEqualTo(orders);
        assertThat(mailsTo("buyer-o@example.com")).isEqualTo(mails);
        jdbc.sql("update store_products set sale_starts_at = null where slug = 'cached-o'").update();

        // sold out elsewhere while this node's cached stock still shows units: 409, and nothing written
        assertThat(api.post("/api/v1/orders", order, buyer.token()).status()).isEqualTo(201); // cached again
        orders = count("store_orders");
        mails = mailsTo("buyer-o@example.com");
        jdbc.sql("update store_stock_slots set stock = 0 where variant_id = (select id from store_variants where sku = 'CACHED-O')").update();
        var soldOut = api.post("/api/v1/orders", order, buyer.token());
        assertThat(soldOut.status()).as(soldOut.toString()).isEqualTo(409);
        assertThat(soldOut.json().get("type").asString()).endsWith("out-of-stock");
        assertThat(count("store_orders")).isEqualTo(orders);
        assertThat(mailsTo("buyer-o@example.com")).isEqualTo(mails);
        assertThat(jdbc.sql("select quantity from store_member_purchases where user_id = :u").param("u", Long.parseLong(buyer.id()))
            .query(Integer.class).single()).isEqualTo(4);
    }

    private int mailsTo(String address) {
        return jdbc.sql("select count(*) from mail_outbox where to_address = :a").param("a", address).query(Integer.class).single();
    }
}
