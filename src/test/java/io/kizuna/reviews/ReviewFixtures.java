package io.kizuna.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.media.TestImages;
import io.kizuna.support.Api;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Products, orders, uploads and review bodies the review tests share. */
final class ReviewFixtures {
    private ReviewFixtures() {}

    static void product(Api api, String adminToken, String slug, String sku, String visibility) {
        var p = new HashMap<String, Object>();
        p.put("slug", slug);
        p.put("name", "商品 " + slug);
        p.put("description", "説明");
        p.put("taxRate", "reduced");
        p.put("visibility", visibility);
        p.put("variants", List.of(Map.of("sku", sku, "name", "200g", "price", 1200, "stock", 1000)));
        var r = api.post("/api/v1/products", p, adminToken);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** Places a bank-transfer order for one unit; returns its id. */
    static String order(Api api, String token, String sku) {
        var o = new HashMap<String, Object>();
        o.put("items", List.of(Map.of("sku", sku, "quantity", 1)));
        o.put("paymentMethod", "bank_transfer");
        o.put("shippingAddress", Map.of("name", "山田 花子", "postalCode", "150-0001", "prefecture", "13", "city", "渋谷区",
            "line1", "1-2-3", "phone", "03-1234-5678"));
        var r = api.post("/api/v1/orders", o, token);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    static Map<String, Object> review(int rating, String body, String... photos) {
        var m = new HashMap<String, Object>();
        m.put("rating", rating);
        m.put("title", "タイトル");
        m.put("body", body);
        m.put("photos", List.of(photos));
        return m;
    }

    /** Uploads a small JPEG as the member; returns the upload id. */
    static String upload(Api api, String token) {
        String boundary = "kizunaBoundary42";
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.jpg\"\r\n"
            + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(TestImages.encode(TestImages.picture(64, 48, Color.ORANGE, false), "jpg"));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var r = api.request(HttpRequest.newBuilder(api.uri("/api/v1/uploads")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }
}
