package io.kizuna.store;

import static io.kizuna.store.StoreFixtures.created;
import static io.kizuna.store.StoreFixtures.order;
import static io.kizuna.store.StoreFixtures.product;
import static io.kizuna.store.StoreFixtures.variant;
import static io.kizuna.support.Race.race;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api;
import io.kizuna.support.Api.Member;
import io.kizuna.support.IntegrationTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Real threads over real HTTP against one PostgreSQL: stock never oversells and retries never double an order. */
class StoreConcurrencyIntegrationTests extends IntegrationTestBase {


    private int stock(String sku) {
        return jdbc.sql("select sum(t.stock) from store_stock_slots t join store_variants v on v.id = t.variant_id where v.sku = :s").param("s", sku).query(Integer.class).single();
    }

    @Test
    void fiftyBuyersRaceForTenUnitsAndExactlyTenWin() throws Exception {
        // given
        var admin = withRole("admin-race@example.com", "admin");
        created(api.post("/api/v1/products", product("drop", "standard", "public", variant("DROP-1", 3300, 10)), admin.token()));
        var buyers = new ArrayList<Member>();
        for (int i = 0; i < 50; i++) buyers.add(api.member("racer" + i + "@example.com", "racer" + i));
        long before = count("store_orders");
        // when
        var tasks = new ArrayList<Callable<Integer>>();
        for (var b : buyers) tasks.add(() -> new Api(api.uri("").toString()).post("/api/v1/orders", order("bank_transfer", "DROP-1", 1), b.token()).status());
        var statuses = race(tasks);
        // then
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(10);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(40);
        assertThat(stock("DROP-1")).isZero();
        assertThat(count("store_orders")).isEqualTo(before + 10);
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyPlaceOneOrder() throws Exception {
        // given
        var admin = withRole("admin-retry@example.com", "admin");
        created(api.post("/api/v1/products", product("retry", "reduced", "public", variant("RETRY-1", 1200, 100)), admin.token()));
        var buyer = api.member("retrier@example.com", "retrier");
        var body = order("konbini", "RETRY-1", 2);
        long before = count("store_orders");
        // when
        var tasks = new ArrayList<Callable<String>>();
        for (int i = 0; i < 12; i++) {
            tasks.add(() -> {
                var r = new Api(api.uri("").toString()).post("/api/v1/orders", body, buyer.token(), "Idempotency-Key", "retry-key-1");
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                return r.json().get("id").asString();
            });
        }
        var ids = race(tasks);
        // then
        assertThat(ids).containsOnly(ids.getFirst());
        assertThat(count("store_orders")).isEqualTo(before + 1);
        assertThat(stock("RETRY-1")).isEqualTo(98);
    }

    @Test
    void ordersOfSeveralUnitsAndCancelsRacingOverSplitStockStayExact() throws Exception {
        // given: 23 units, spread over the variant's counter rows (3,3,3,3,3,3,3,2), so large orders must take across rows
        var admin = withRole("admin-split@example.com", "admin");
        created(api.post("/api/v1/products", product("split", "standard", "public", variant("SPLIT-1", 1000, 23)), admin.token()));
        var early = api.member("split-early@example.com", "early");
        var cancelled = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            cancelled.add(api.post("/api/v1/orders", order("bank_transfer", "SPLIT-1", 4), early.token()).json().get("id").asString());
        }
        assertThat(stock("SPLIT-1")).isEqualTo(15);
        var buyers = new ArrayList<Member>();
        for (int i = 0; i < 24; i++) buyers.add(api.member("splitter" + i + "@example.com", "splitter" + i));
        // when: 24 buyers order 1, 2, 5 or 7 units while the two 4-unit orders are cancelled
        int[] sizes = {1, 2, 5, 7};
        var tasks = new ArrayList<Callable<int[]>>();
        for (int i = 0; i < buyers.size(); i++) {
            var b = buyers.get(i);
            int q = sizes[i % sizes.length];
            tasks.add(() -> new int[] {new Api(api.uri("").toString()).post("/api/v1/orders", order("cod", "SPLIT-1", q), b.token()).status(), q});
        }
        for (var id : cancelled) {
            tasks.add(() -> new int[] {new Api(api.uri("").toString()).post("/api/v1/orders/" + id + "/cancel", null, early.token()).status(), 0});
        }
        var results = race(tasks);
        // then: every answer is 201, 409 or (for the cancels) 200; the units sold and the stock left add up to 23
        assertThat(results).allSatisfy(r -> assertThat(r[0]).isIn(200, 201, 409));
        assertThat(results.stream().filter(r -> r[1] == 0)).allSatisfy(r -> assertThat(r[0]).isEqualTo(200));
        int sold = results.stream().filter(r -> r[0] == 201).mapToInt(r -> r[1]).sum();
        assertThat(sold).isBetween(1, 23);
        assertThat(stock("SPLIT-1")).isEqualTo(23 - sold);
        int soldInDb = jdbc.sql("""
                select coalesce(sum(i.quantity), 0) from store_order_items i join store_orders o on o.id = i.order_id
                where i.sku = 'SPLIT-1' and o.status <> 'cancelled'""").query(Integer.class).single();
        assertThat(soldInDb).isEqualTo(sold);
        assertThat(jdbc.sql("select min(t.stock) from store_stock_slots t join store_variants v on v.id = t.variant_id where v.sku = 'SPLIT-1'")
            .query(Integer.class).single()).isNotNegative();
    }
}
