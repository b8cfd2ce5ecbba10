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
        return jdbc.sql("select stock from store_variants where sku = :s").param("s", sku).query(Integer.class).single();
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
}
