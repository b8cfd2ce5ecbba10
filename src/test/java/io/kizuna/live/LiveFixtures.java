package io.kizuna.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Products and shows the live tests share. */
final class LiveFixtures {
    private LiveFixtures() {}

    /** A public product with one variant of {@code stock} units at {@code price} yen. */
    static void product(Api api, String adminToken, String sku, int price, int stock) {
        var variant = Map.of("sku", sku, "name", "標準", "price", price, "stock", stock);
        var p = Map.of("slug", sku.toLowerCase(), "name", "商品 " + sku, "description", "説明", "taxRate", "standard",
            "visibility", "public", "category", "live", "variants", List.of(variant));
        var r = api.post("/api/v1/products", p, adminToken);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    static Map<String, Object> show(String title, String... skus) {
        var s = new HashMap<String, Object>();
        s.put("title", title);
        s.put("startsAt", "2030-01-10T20:00:00+09:00");
        s.put("streamUrl", "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
        s.put("skus", List.of(skus));
        return s;
    }

    /** Creates a show with these products and returns its id. */
    static String created(Api api, String staffToken, String title, String... skus) {
        var r = api.post("/api/v1/live-sessions", show(title, skus), staffToken);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    /** Creates and starts a show. */
    static String started(Api api, String staffToken, String title, String... skus) {
        String id = created(api, staffToken, title, skus);
        var r = api.post("/api/v1/live-sessions/" + id + "/start", null, staffToken);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return id;
    }

    static Api.Response chat(Api api, String show, String token, String body, String kind) {
        return api.post("/api/v1/live-sessions/" + show + "/messages", Map.of("body", body, "kind", kind), token);
    }

    static Map<String, Object> order(String sku, int quantity) {
        var address = Map.of("name", "山田 花子", "postalCode", "150-0001", "prefecture", "13", "city", "渋谷区神宮前",
            "line1", "1-2-3", "phone", "03-1234-5678");
        return Map.of("items", List.of(Map.of("sku", sku, "quantity", quantity)), "paymentMethod", "bank_transfer", "shippingAddress", address);
    }
}
