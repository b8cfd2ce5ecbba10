package io.kizuna.store;

import static io.kizuna.support.Race.race;
import static io.kizuna.store.StoreFixtures.created;
import static io.kizuna.store.StoreFixtures.order;
import static io.kizuna.store.StoreFixtures.product;
import static io.kizuna.store.StoreFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api;
import io.kizuna.support.Api.Member;
import io.kizuna.store.internal.Products;
import io.kizuna.support.IntegrationTestBase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Members-only products and prices, limited drops (sale start, early access, per-member limits) and coupons. How one
 * order takes its stock slot, and its id, is in {@link OneLineOrderIntegrationTests}.
 */
class DropsAndCouponsIntegrationTests extends IntegrationTestBase {
    private static int n;
    private Member admin;
    private Member buyer;
    @Autowired
    private Products products;
    @Autowired
    private PlatformTransactionManager transactions;

    @BeforeEach
    void people() {
        n++;
        admin = withRole("admin" + n + "@example.com", "admin");
        buyer = api.member("buyer" + n + "@example.com", "買う人");
    }

    private Map<String, Object> withOrder(Map<String, Object> order, String coupon) {
        var o = new HashMap<>(order);
        o.put("couponCode", coupon);
        return o;
    }

    private String drop(String sku, int stock, Map<String, Object> rules) {
        return StoreFixtures.drop(api, admin, sku, stock, rules);
    }

    @Test
    void signedInMembersPayTheMemberPrice() {
        var v = variant("MP-" + n, 2000, 10);
        v.put("memberPrice", 1800);
        created(api.post("/api/v1/products", product("mp-" + n, "reduced", "members", v), admin.token()));
        assertThat(api.get("/api/v1/products/mp-" + n).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/products/mp-" + n, buyer.token()).json().get("variants").get(0).get("memberPrice").asInt()).isEqualTo(1800);
        var r = api.post("/api/v1/orders", order("bank_transfer", "MP-" + n, 1), buyer.token());
        assertThat(r.json().get("items").get(0).get("unitPrice").asInt()).isEqualTo(1800);
    }

    @Test
    void beforeTheSaleStartsOrdersAreRefusedUnlessEarlyAccessHasBegun() {
        String later = OffsetDateTime.now().plusDays(1).toString();
        drop("SOON-" + n, 10, Map.of("saleStartsAt", later));
        var r = api.post("/api/v1/orders", order("bank_transfer", "SOON-" + n, 1), buyer.token());
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("type").asString()).endsWith("not-on-sale-yet");
        drop("EARLY-" + n, 10, Map.of("saleStartsAt", later, "earlyAccessFrom", OffsetDateTime.now().minusHours(1).toString()));
        created(api.post("/api/v1/orders", order("bank_transfer", "EARLY-" + n, 1), buyer.token()));
        var bad = product("bad-" + n, "standard", "public", variant("BADDROP-" + n, 1000, 1));
        bad.put("saleStartsAt", later);
        bad.put("earlyAccessFrom", OffsetDateTime.now().plusDays(2).toString());
        assertThat(api.post("/api/v1/products", bad, admin.token()).status()).isEqualTo(400);
    }

    @Test
    void thePerMemberLimitHoldsAcrossOrdersAndComesBackOnCancel() {
        drop("LIM-" + n, 100, Map.of("perMemberLimit", 2));
        var first = api.post("/api/v1/orders", order("bank_transfer", "LIM-" + n, 1), buyer.token());
        created(first);
        var tooMany = api.post("/api/v1/orders", order("bank_transfer", "LIM-" + n, 2), buyer.token());
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().get("type").asString()).endsWith("purchase-limit-reached");
        created(api.post("/api/v1/orders", order("bank_transfer", "LIM-" + n, 1), buyer.token()));
        api.post("/api/v1/orders/" + first.json().get("id").asString() + "/cancel", null, buyer.token());
        created(api.post("/api/v1/orders", order("bank_transfer", "LIM-" + n, 1), buyer.token()));
        // another member has a limit of their own
        created(api.post("/api/v1/orders", order("bank_transfer", "LIM-" + n, 2), api.member("other" + n + "@example.com", "other").token()));
    }

    @Test
    void thePerMemberLimitHoldsUnderConcurrency() throws Exception {
        drop("RUSH-" + n, 100, Map.of("perMemberLimit", 3));
        var tasks = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 12; i++) {
            tasks.add(() -> new Api(api.uri("").toString()).post("/api/v1/orders", order("konbini", "RUSH-" + n, 1), buyer.token()).status());
        }
        var statuses = race(tasks);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(3);
        assertThat(statuses.stream().filter(s -> s == 422).count()).isEqualTo(9);
        assertThat(jdbc.sql("select sum(t.stock) from store_stock_slots t join store_variants v on v.id = t.variant_id where v.sku = :s").param("s", "RUSH-" + n).query(Integer.class).single())
            .as(() -> "slots " + jdbc.sql("select string_agg(t.slot || ':' || t.stock, ' ' order by t.slot) from store_stock_slots t join store_variants v on v.id = t.variant_id where v.sku = :s")
                .param("s", "RUSH-" + n).query(String.class).single()
                + ", order lines " + jdbc.sql("select count(*) from store_order_items where sku = :s").param("s", "RUSH-" + n).query(Integer.class).single())
            .isEqualTo(97);
    }

    @Test
    void thePurchaseCountRowHoldsTheLimitWhereSeveralNodesMeet() throws Exception {
        // one node queues a member's orders (MemberQueue); orders of one member on several nodes meet only at this row
        drop("NODES-" + n, 100, Map.of("perMemberLimit", 3));
        long product = jdbc.sql("select product_id from store_variants where sku = :s").param("s", "NODES-" + n).query(Long.class).single();
        long member = Long.parseLong(buyer.id());
        var transaction = new TransactionTemplate(transactions);
        var tasks = new ArrayList<Callable<Boolean>>();
        for (int i = 0; i < 12; i++) tasks.add(() -> transaction.execute(s -> products.countPurchase(member, product, 1, 3)));
        var counted = race(tasks);
        assertThat(counted.stream().filter(Boolean::booleanValue).count()).isEqualTo(3);
        assertThat(jdbc.sql("select quantity from store_member_purchases where user_id = :u and product_id = :p")
            .param("u", member).param("p", product).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void aCouponTakesItsDiscountAcrossRatesAndRefusesWithTheReason() {
        created(api.post("/api/v1/products", product("cb-" + n, "reduced", "public", variant("CB-" + n, 1000, 50)), admin.token()));
        created(api.post("/api/v1/products", product("ck-" + n, "standard", "public", variant("CK-" + n, 2000, 50)), admin.token()));
        created(api.post("/api/v1/store/coupons", Map.of("code", "save10-" + n, "kind", "percent", "amount", 10, "minSubtotal", 2500), admin.token()));
        created(api.post("/api/v1/store/coupons", Map.of("code", "OLD-" + n, "kind", "fixed", "amount", 500,
            "endsAt", OffsetDateTime.now().minusDays(1).toString()), admin.token()));
        created(api.post("/api/v1/store/coupons", Map.of("code", "NEW-" + n, "kind", "fixed", "amount", 500,
            "startsAt", OffsetDateTime.now().plusDays(1).toString()), admin.token()));
        assertThat(api.post("/api/v1/store/coupons", Map.of("code", "X-" + n, "kind", "percent", "amount", 150), admin.token()).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/store/coupons", Map.of("code", "Y-" + n, "kind", "fixed", "amount", 1), buyer.token()).status()).isEqualTo(403);
        // when
        var r = api.post("/api/v1/orders", withOrder(order("bank_transfer", "CB-" + n, 1, "CK-" + n, 1), "SAVE10-" + n), buyer.token());
        // then: ¥300 off, 100 on the 8% goods and 200 on the 10% goods
        created(r);
        var t = r.json().get("totals");
        assertThat(t.get("discount").asInt()).isEqualTo(300);
        assertThat(t.get("total").asInt()).isEqualTo(3000 - 300 + 800);
        assertThat(t.get("taxBreakdown").get(0).get("taxableAmount").asInt()).isEqualTo(2000 - 200 + 800);
        assertThat(t.get("taxBreakdown").get(1).get("taxableAmount").asInt()).isEqualTo(900);
        for (var refusal : Map.of("NOPE-" + n, "coupon-unknown", "OLD-" + n, "coupon-expired", "NEW-" + n, "coupon-not-yet-valid").entrySet()) {
            var refused = api.post("/api/v1/orders", withOrder(order("bank_transfer", "CB-" + n, 3), refusal.getKey()), buyer.token());
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().get("type").asString()).endsWith(refusal.getValue());
        }
        var small = api.post("/api/v1/orders", withOrder(order("bank_transfer", "CB-" + n, 1), "SAVE10-" + n), buyer.token());
        assertThat(small.json().get("type").asString()).endsWith("coupon-minimum-not-met");
    }

    @Test
    void aCouponsTotalLimitIsExactUnderConcurrency() throws Exception {
        created(api.post("/api/v1/products", product("tl-" + n, "standard", "public", variant("TL-" + n, 1000, 100)), admin.token()));
        created(api.post("/api/v1/store/coupons", Map.of("code", "FIRST5-" + n, "kind", "fixed", "amount", 100, "totalLimit", 5), admin.token()));
        var buyers = new ArrayList<Member>();
        for (int i = 0; i < 16; i++) buyers.add(api.member("c" + n + "-" + i + "@example.com", "c" + i));
        var tasks = new ArrayList<Callable<String>>();
        for (var b : buyers) {
            tasks.add(() -> {
                var r = new Api(api.uri("").toString()).post("/api/v1/orders", withOrder(order("konbini", "TL-" + n, 1), "FIRST5-" + n), b.token());
                return r.status() == 201 ? "ok" : r.json().get("type").asString();
            });
        }
        var results = race(tasks);
        assertThat(results.stream().filter("ok"::equals).count()).isEqualTo(5);
        assertThat(results.stream().filter(s -> s.endsWith("coupon-used-up")).count()).isEqualTo(11);
        assertThat(api.get("/api/v1/store/coupons", admin.token()).json().get("items").get(0).get("used").asInt()).isEqualTo(5);
    }

    @Test
    void aCouponsPerMemberLimitIsExactUnderConcurrency() throws Exception {
        created(api.post("/api/v1/products", product("pm-" + n, "standard", "public", variant("PM-" + n, 1000, 100)), admin.token()));
        created(api.post("/api/v1/store/coupons", Map.of("code", "ONCE-" + n, "kind", "fixed", "amount", 100, "perMemberLimit", 1,
            "membersOnly", true), admin.token()));
        var tasks = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 10; i++) {
            tasks.add(() -> new Api(api.uri("").toString()).post("/api/v1/orders", withOrder(order("konbini", "PM-" + n, 1), "ONCE-" + n),
                buyer.token()).status());
        }
        var statuses = race(tasks);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(statuses.stream().filter(s -> s == 422).count()).isEqualTo(9);
    }
}
