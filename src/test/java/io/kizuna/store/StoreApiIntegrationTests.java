package io.kizuna.store;

import static io.kizuna.store.StoreFixtures.address;
import static io.kizuna.store.StoreFixtures.created;
import static io.kizuna.store.StoreFixtures.order;
import static io.kizuna.store.StoreFixtures.product;
import static io.kizuna.store.StoreFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import io.kizuna.support.TestMail;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "kizuna.store.test-card-secret=test-card-secret-for-tests")
class StoreApiIntegrationTests extends IntegrationTestBase {
    private static int n;
    private Member admin;
    private Member buyer;
    private String beans;
    private String kettle;

    @Autowired
    OrderManagement orderManagement;

    @BeforeEach
    void catalog() {
        n++;
        admin = withRole("admin" + n + "@example.com", "admin");
        buyer = api.member("buyer" + n + "@example.com", "買う人");
        beans = "BEANS-" + n;
        kettle = "KETTLE-" + n;
        created(api.post("/api/v1/products", product("beans-" + n, "reduced", "public", variant(beans, 1080, 20)), admin.token()));
        created(api.post("/api/v1/products", product("kettle-" + n, "standard", "public", variant(kettle, 5500, 5)), admin.token()));
    }

    private int stock(String sku) {
        return jdbc.sql("select sum(t.stock) from store_stock_slots t join store_variants v on v.id = t.variant_id where v.sku = :s").param("s", sku).query(Integer.class).single();
    }

    @Test
    void placesAnOrderWithCatalogPricesAndPerRateTax() {
        // when: the client sends a price of its own, which is ignored
        var body = order("bank_transfer", beans, 2, kettle, 1);
        ((List<Map<String, Object>>) body.get("items")).replaceAll(i -> {
            var m = new HashMap<>(i);
            m.put("unitPrice", 1);
            return m;
        });
        var r = api.post("/api/v1/orders", body, buyer.token());
        // then
        created(r);
        var o = r.json();
        assertThat(o.get("status").asString()).isEqualTo("pending_payment");
        assertThat(o.get("items").get(0).get("unitPrice").asInt()).isEqualTo(1080);
        assertThat(o.get("items").get(0).get("taxRate").asInt()).isEqualTo(8);
        var totals = o.get("totals");
        assertThat(totals.get("subtotal").asInt()).isEqualTo(7660);
        assertThat(totals.get("shipping").asInt()).isEqualTo(800);
        assertThat(totals.get("total").asInt()).isEqualTo(8460);
        assertThat(totals.get("taxBreakdown").get(0).get("rate").asInt()).isEqualTo(10);
        assertThat(totals.get("taxBreakdown").get(0).get("taxableAmount").asInt()).isEqualTo(6300);
        assertThat(totals.get("taxBreakdown").get(0).get("tax").asInt()).isEqualTo(572);
        assertThat(totals.get("taxBreakdown").get(1).get("tax").asInt()).isEqualTo(160);
        assertThat(stock(beans)).isEqualTo(18);
        assertThat(stock(kettle)).isEqualTo(4);
        assertThat(TestMail.body(TestMail.await(buyer.email(), "ご注文を承りました"))).contains("¥8,460").contains("BT-");
        var mine = api.get("/api/v1/me/orders", buyer.token()).json().get("items");
        assertThat(mine).hasSize(1);
        assertThat(api.get("/api/v1/orders/" + o.get("id").asString(), buyer.token()).json().get("totals").get("total").asInt()).isEqualTo(8460);
    }

    @Test
    void cashOnDeliveryAddsItsFeeAndLargeOrdersShipFree() {
        var r = api.post("/api/v1/orders", order("cod", kettle, 2), buyer.token());
        created(r);
        var totals = r.json().get("totals");
        assertThat(totals.get("shipping").asInt()).isZero();
        assertThat(totals.get("fee").asInt()).isEqualTo(330);
        assertThat(totals.get("total").asInt()).isEqualTo(11_330);
    }

    @Test
    void outOfStockIsA409AndTakesNothing() {
        long orders = count("store_orders");
        var r = api.post("/api/v1/orders", order("konbini", beans, 1, kettle, 6), buyer.token());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("type").asString()).endsWith("out-of-stock");
        assertThat(stock(beans)).isEqualTo(20);
        assertThat(count("store_orders")).isEqualTo(orders);
    }

    @Test
    void refusesBadOrdersAndWritesNothing() {
        long orders = count("store_orders");
        long items = count("store_order_items");
        var cases = new java.util.ArrayList<Map<String, Object>>();
        for (Object q : new Object[] {0, -1, 1.5, 1000, "two"}) cases.add(order("bank_transfer", beans, q));
        cases.add(order("bank_transfer", "NO-SUCH-SKU", 1));
        cases.add(order("bank_transfer", beans, 1, beans, 1));
        cases.add(order("bitcoin", beans, 1));
        for (var field : List.of("postalCode:1234-567", "postalCode:", "prefecture:Atlantis", "phone:12345", "phone:090-1234-56789",
            "phone:03-1234-567a", "name: ", "city:", "line1:")) {
            var o = order("bank_transfer", beans, 1);
            var a = address();
            a.put(field.substring(0, field.indexOf(':')), field.substring(field.indexOf(':') + 1));
            o.put("shippingAddress", a);
            cases.add(o);
        }
        var noItems = order("bank_transfer");
        cases.add(noItems);
        for (var body : cases) {
            var r = api.post("/api/v1/orders", body, buyer.token());
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("errors").size()).as(r.toString()).isPositive();
        }
        assertThat(count("store_orders")).isEqualTo(orders);
        assertThat(count("store_order_items")).isEqualTo(items);
        assertThat(stock(beans)).isEqualTo(20);
        // full-width digits and 7-digit postal codes are fine, and Japanese prefecture names too
        var ok = order("bank_transfer", beans, 1);
        var a = address();
        a.put("postalCode", "１５００００１");
        a.put("prefecture", "東京都");
        a.put("phone", "09012345678");
        ok.put("shippingAddress", a);
        var r = api.post("/api/v1/orders", ok, buyer.token());
        created(r);
        assertThat(r.json().get("shippingAddress").get("postalCode").asString()).isEqualTo("150-0001");
        assertThat(r.json().get("shippingAddress").get("prefecture").asString()).isEqualTo("13");
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
        var body = order("bank_transfer", beans, 3);
        long orders = count("store_orders");
        var first = api.post("/api/v1/orders", body, buyer.token(), "Idempotency-Key", "key-" + n);
        var again = api.post("/api/v1/orders", body, buyer.token(), "Idempotency-Key", "key-" + n);
        var other = api.post("/api/v1/orders", order("bank_transfer", beans, 4), buyer.token(), "Idempotency-Key", "key-" + n);
        created(first);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertThat(again.json().get("totals")).isEqualTo(first.json().get("totals"));
        assertThat(other.status()).isEqualTo(422);
        assertThat(count("store_orders")).isEqualTo(orders + 1);
        assertThat(stock(beans)).isEqualTo(17);
    }

    @Test
    void ordersAreInvisibleToOtherMembersAndVisitors() {
        var o = api.post("/api/v1/orders", order("bank_transfer", beans, 1), buyer.token()).json().get("id").asString();
        var other = api.member("other" + n + "@example.com", "他人");
        assertThat(api.get("/api/v1/orders/" + o, other.token()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/orders/" + o + "/cancel", null, other.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/orders/" + o).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me/orders", other.token()).json().get("items")).isEmpty();
        assertThat(api.get("/api/v1/orders/999999", buyer.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/orders/abc", buyer.token()).status()).isEqualTo(404);
        // staff see it; a member may not confirm payments
        var moderator = withRole("mod" + n + "@example.com", "moderator");
        assertThat(api.get("/api/v1/orders/" + o, moderator.token()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/orders/" + o + "/confirm-payment", null, buyer.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/orders", buyer.token()).status()).isEqualTo(403);
    }

    @Test
    void onlyAdminsCreateProductsAndMembersOnlyProductsHideFromVisitors() {
        assertThat(api.post("/api/v1/products", product("x-" + n, "standard", "public", variant("X-" + n, 100, 1)), buyer.token()).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/products", product("x-" + n, "standard", "public", variant("X-" + n, 100, 1))).status()).isEqualTo(401);
        created(api.post("/api/v1/products", product("secret-" + n, "reduced", "members", variant("SECRET-" + n, 3000, 5)), admin.token()));
        assertThat(api.get("/api/v1/products/secret-" + n).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/products/secret-" + n, buyer.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/products").json().get("items").toString()).doesNotContain("secret-" + n);
        assertThat(api.get("/api/v1/products", buyer.token()).json().get("items").toString()).contains("secret-" + n);
        // bad products are refused whole
        var bad = product("bad-" + n, "luxury", "public", variant("BAD-" + n, -5, 1));
        var r = api.post("/api/v1/products", bad, admin.token());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").toString()).contains("taxRate").contains("variants[0].price");
        assertThat(api.post("/api/v1/products", product("beans-" + n, "reduced", "public", variant("NEW-" + n, 1, 1)), admin.token()).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/products", product("dup-" + n, "reduced", "public", variant(beans, 1, 1)), admin.token()).status()).isEqualTo(409);
        assertThat(api.get("/api/v1/products/dup-" + n).status()).isEqualTo(404);
    }

    @Test
    void listsProductsByPageCategoryAndPrice() {
        for (int i = 0; i < 3; i++) {
            var p = product("page-" + n + "-" + i, "standard", "public", variant("PAGE-" + n + "-" + i, 100 + i, 1));
            p.put("category", "cat-" + n);
            created(api.post("/api/v1/products", p, admin.token()));
        }
        var first = api.get("/api/v1/products?category=cat-" + n + "&limit=2").json();
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("items").get(0).get("slug").asString()).isEqualTo("page-" + n + "-2");
        var second = api.get("/api/v1/products?category=cat-" + n + "&limit=2&cursor=" + first.get("nextCursor").asString()).json();
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        var cheapest = api.get("/api/v1/products?category=cat-" + n + "&sort=price&limit=2").json();
        assertThat(cheapest.get("items").get(0).get("slug").asString()).isEqualTo("page-" + n + "-0");
        var rest = api.get("/api/v1/products?category=cat-" + n + "&sort=price&limit=2&cursor=" + cheapest.get("nextCursor").asString()).json();
        assertThat(rest.get("items").get(0).get("slug").asString()).isEqualTo("page-" + n + "-2");
        assertThat(api.get("/api/v1/products?sort=random").status()).isEqualTo(400);
    }

    @Test
    void staffTakeAnOrderThroughPaymentShippingAndDeliveryAndTheBuyerIsMailedEachStep() {
        var o = api.post("/api/v1/orders", order("bank_transfer", beans, 1), buyer.token()).json().get("id").asString();
        var staff = withRole("staff" + n + "@example.com", "moderator");
        assertThat(api.post("/api/v1/orders/" + o + "/ship", Map.of(), staff.token()).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/orders/" + o + "/confirm-payment", null, staff.token()).json().get("status").asString()).isEqualTo("paid");
        TestMail.await(buyer.email(), "お支払いを確認しました");
        var shipped = api.post("/api/v1/orders/" + o + "/ship", Map.of("trackingNumber", "1234-5678-9012"), staff.token()).json();
        assertThat(shipped.get("status").asString()).isEqualTo("shipped");
        assertThat(TestMail.body(TestMail.await(buyer.email(), "発送しました"))).contains("1234-5678-9012");
        assertThat(api.post("/api/v1/orders/" + o + "/cancel", null, buyer.token()).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/orders/" + o + "/deliver", null, staff.token()).json().get("status").asString()).isEqualTo("delivered");
        TestMail.await(buyer.email(), "お届けが完了しました");
        assertThat(api.post("/api/v1/orders/" + o + "/refund", null, staff.token()).json().get("status").asString()).isEqualTo("refunded");
        TestMail.await(buyer.email(), "返金しました");
        assertThat(stock(beans)).isEqualTo(19); // shipped goods do not come back into stock by a refund
        var csv = api.get("/api/v1/store/orders.csv?status=refunded", staff.token());
        assertThat(csv.body()).contains("order_id,created_at,status").contains(o + ",").contains("refunded");
    }

    @Test
    void aRefundOfReturnedGoodsRestocksOnlyWhenStaffSaySo() {
        var staff = withRole("restock" + n + "@example.com", "moderator");
        var o = api.post("/api/v1/orders", order("cod", beans, 3), buyer.token()).json().get("id").asString();
        assertThat(api.post("/api/v1/orders/" + o + "/ship", Map.of("trackingNumber", "1"), staff.token()).status()).isEqualTo(200);
        assertThat(stock(beans)).isEqualTo(17);
        assertThat(api.post("/api/v1/orders/" + o + "/refund?restock=maybe", null, staff.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/orders/" + o + "/refund?restock=true", null, buyer.token()).status()).isEqualTo(403); // their own order, but staff refund
        assertThat(stock(beans)).isEqualTo(17);
        assertThat(api.post("/api/v1/orders/" + o + "/refund?restock=true", null, staff.token()).json().get("status").asString()).isEqualTo("refunded");
        assertThat(stock(beans)).isEqualTo(20);
        assertThat(api.post("/api/v1/orders/" + o + "/refund?restock=true", null, staff.token()).status()).isEqualTo(422);
        assertThat(stock(beans)).isEqualTo(20);
    }

    @Test
    void theBuyerCancelsBeforeShippingAndTheStockReturns() {
        var o = api.post("/api/v1/orders", order("konbini", beans, 5), buyer.token()).json().get("id").asString();
        assertThat(stock(beans)).isEqualTo(15);
        var r = api.post("/api/v1/orders/" + o + "/cancel", null, buyer.token());
        assertThat(r.json().get("status").asString()).isEqualTo("cancelled");
        assertThat(stock(beans)).isEqualTo(20);
        assertThat(api.post("/api/v1/orders/" + o + "/cancel", null, buyer.token()).status()).isEqualTo(422);
        assertThat(stock(beans)).isEqualTo(20);
        TestMail.await(buyer.email(), "キャンセルしました");
    }

    @Test
    void unpaidOrdersExpireAndReturnTheirStockButCashOnDeliveryWaits() {
        var transfer = api.post("/api/v1/orders", order("bank_transfer", beans, 2), buyer.token()).json().get("id").asString();
        var cod = api.post("/api/v1/orders", order("cod", beans, 3), buyer.token()).json().get("id").asString();
        jdbc.sql("update store_orders set payment_due_at = now() - interval '1 minute' where id = :id").param("id", Long.parseLong(transfer)).update();
        assertThat(orderManagement.expireOverdue(100)).isEqualTo(1);
        assertThat(api.get("/api/v1/orders/" + transfer, buyer.token()).json().get("status").asString()).isEqualTo("cancelled");
        assertThat(api.get("/api/v1/orders/" + cod, buyer.token()).json().get("status").asString()).isEqualTo("pending_payment");
        assertThat(stock(beans)).isEqualTo(17);
        TestMail.await(buyer.email(), "期限切れ");
    }

    @Test
    void cardPaymentsAreConfirmedOnlyByASignedWebhook() throws Exception {
        var o = api.post("/api/v1/orders", order("card", beans, 1), buyer.token()).json();
        String ref = o.get("paymentReference").asString();
        assertThat(ref).startsWith("test_pi_");
        String event = "{\"type\":\"payment.succeeded\",\"reference\":\"" + ref + "\"}";
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("test-card-secret-for-tests".getBytes(), "HmacSHA256"));
        String good = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(event.getBytes()));
        assertThat(api.post("/api/v1/store/payments/test-card/webhook", event, null, "X-Kizuna-Signature", "sha256=00").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/orders/" + o.get("id").asString(), buyer.token()).json().get("status").asString()).isEqualTo("pending_payment");
        assertThat(api.post("/api/v1/store/payments/test-card/webhook", event, null, "X-Kizuna-Signature", good).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/store/payments/test-card/webhook", event, null, "X-Kizuna-Signature", good).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/orders/" + o.get("id").asString(), buyer.token()).json().get("status").asString()).isEqualTo("paid");
    }

    @Test
    void adminsChangeShopSettingsWithAValidInvoiceNumber() {
        assertThat(api.put("/api/v1/store/settings", Map.of("invoiceNumber", "T123"), admin.token()).status()).isEqualTo(400);
        assertThat(api.put("/api/v1/store/settings", Map.of("shopName", "絆ストア"), buyer.token()).status()).isEqualTo(403);
        var r = api.put("/api/v1/store/settings", Map.of("shopName", "絆ストア", "invoiceNumber", "T1234567890123", "shippingFee", 600), admin.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/store/settings").json().get("invoiceNumber").asString()).isEqualTo("T1234567890123");
        var o = api.post("/api/v1/orders", order("bank_transfer", beans, 1), buyer.token()).json();
        assertThat(o.get("totals").get("shipping").asInt()).isEqualTo(600);
        api.put("/api/v1/store/settings", Map.of("shippingFee", 800), admin.token());
    }
}
