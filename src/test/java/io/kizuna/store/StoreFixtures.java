package io.kizuna.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Request bodies the store tests share. */
final class StoreFixtures {
    private StoreFixtures() {}

    static Map<String, Object> product(String slug, String taxRate, String visibility, Map<String, Object>... variants) {
        var p = new HashMap<String, Object>();
        p.put("slug", slug);
        p.put("name", "商品 " + slug);
        p.put("description", "説明");
        p.put("taxRate", taxRate);
        p.put("visibility", visibility);
        p.put("category", "coffee");
        p.put("variants", List.of(variants));
        return p;
    }

    static Map<String, Object> variant(String sku, int price, int stock) {
        return new HashMap<>(Map.of("sku", sku, "name", "標準", "price", price, "stock", stock));
    }

    static Map<String, Object> address() {
        return new HashMap<>(Map.of("name", "山田 花子", "postalCode", "150-0001", "prefecture", "13", "city", "渋谷区神宮前",
            "line1", "1-2-3", "phone", "03-1234-5678"));
    }

    static Map<String, Object> order(String method, Object... skuAndQuantity) {
        var items = new java.util.ArrayList<Map<String, Object>>();
        for (int i = 0; i < skuAndQuantity.length; i += 2) items.add(Map.of("sku", skuAndQuantity[i], "quantity", skuAndQuantity[i + 1]));
        var o = new HashMap<String, Object>();
        o.put("items", items);
        o.put("paymentMethod", method);
        o.put("shippingAddress", address());
        return o;
    }

    /** A public product of one SKU ({@code stock} units at 1,000 yen) with drop {@code rules}, made by {@code admin}. */
    static String drop(Api api, Api.Member admin, String sku, int stock, Map<String, Object> rules) {
        var p = product(sku.toLowerCase(), "standard", "public", variant(sku, 1000, stock));
        p.putAll(rules);
        created(api.post("/api/v1/products", p, admin.token()));
        return sku;
    }

    static void created(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }
}
