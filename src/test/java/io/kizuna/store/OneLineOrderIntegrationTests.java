package io.kizuna.store;

import static io.kizuna.support.Race.race;
import static io.kizuna.store.StoreFixtures.created;
import static io.kizuna.store.StoreFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.Api;
import io.kizuna.support.Api.Member;
import io.kizuna.store.internal.Orders;
import io.kizuna.store.internal.Products;
import io.kizuna.support.IntegrationTestBase;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How an order takes its stock: the one statement most orders are stored with (raced as several nodes would), the
 * lock order of member row and stock slot, waiting for a busy slot without holding another, the transaction that takes
 * across slots, and order ids taken in blocks.
 */
class OneLineOrderIntegrationTests extends IntegrationTestBase {
    private static int n;
    private Member admin;
    private Member buyer;
    @Autowired
    private Products products;
    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private Orders orders;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private io.kizuna.mail.MailOutbox outbox;

    @BeforeEach
    void people() {
        n++;
        admin = withRole("admin-s" + n + "@example.com", "admin");
        buyer = api.member("buyer-s" + n + "@example.com", "買う人");
    }

    private String drop(String sku, int stock, Map<String, Object> rules) {
        return StoreFixtures.drop(api, admin, sku, stock, rules);
    }

    @Test
    void aOneLineOrderCountsTheMemberBeforeItLocksAStockSlot() throws Exception {
        // every path locks a member's purchase count before a stock slot; one that locked a slot first could deadlock
        // with an order of the same member on another node, and would hold the slot that every buyer wants meanwhile
        drop("ORDERLY-" + n, 100, Map.of("perMemberLimit", 5));
        created(api.post("/api/v1/orders", order("bank_transfer", "ORDERLY-" + n, 1), buyer.token()));
        long product = jdbc.sql("select product_id from store_variants where sku = :s").param("s", "ORDERLY-" + n).query(Long.class).single();
        try (var holder = dataSource.getConnection(); var prober = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("select 1 from store_member_purchases where user_id = ? and product_id = ? for update")) {
                lock.setLong(1, Long.parseLong(buyer.id()));
                lock.setLong(2, product);
                lock.executeQuery();
            }
            var placing = placeOnAnotherThread("ORDERLY-" + n);
            waitUntilBlockedBy(holder);
            prober.setAutoCommit(false);
            try (var probe = prober.prepareStatement("""
                    select t.slot from store_stock_slots t join store_variants v on v.id = t.variant_id where v.sku = ? for update of t nowait""")) {
                probe.setString(1, "ORDERLY-" + n);
                probe.executeQuery(); // throws "could not obtain lock" if the waiting order had locked a slot
            }
            prober.rollback();
            holder.rollback();
            assertThat(placing.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(201);
        }
        assertThat(stockOf("ORDERLY-" + n)).isEqualTo(98);
    }

    @Test
    void aOneLineOrderWaitsForABusySlotWhenNoOtherHasEnough() throws Exception {
        drop("BUSY-" + n, 16, Map.of("perMemberLimit", 5));
        try (var holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("""
                    select t.slot from store_stock_slots t join store_variants v on v.id = t.variant_id where v.sku = ? for update of t""")) {
                lock.setString(1, "BUSY-" + n);
                lock.executeQuery();
            }
            var placing = placeOnAnotherThread("BUSY-" + n);
            waitUntilBlockedBy(holder);
            assertThat(placing).isNotDone();
            holder.rollback();
            assertThat(placing.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(201);
        }
        assertThat(stockOf("BUSY-" + n)).isEqualTo(15);
        assertThat(jdbc.sql("select quantity from store_member_purchases m join store_variants v on v.product_id = m.product_id where v.sku = :s")
            .param("s", "BUSY-" + n).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anOrderWaitingForASlotThatSellsOutHoldsItNoLongerWhileItWaitsForAnother() throws Exception {
        // the last two units, one in each of two slots, both held by other orders: the order waits for one of them.
        // When that one's unit is sold, the order goes on to wait for the other, and must not keep the emptied slot
        // locked meanwhile: two orders, each holding a slot it passed over and waiting for the other's, deadlocked as
        // a drop sold out
        String sku = drop("LAST-" + n, 8, Map.of("perMemberLimit", 5));
        long variant = jdbc.sql("select id from store_variants where sku = :s").param("s", sku).query(Long.class).single();
        jdbc.sql("update store_stock_slots set stock = 0 where slot > 1 and variant_id = :v").param("v", variant).update();
        try (var first = dataSource.getConnection(); var second = dataSource.getConnection()) {
            var holders = java.util.List.of(first, second);
            for (int slot = 0; slot < 2; slot++) {
                holders.get(slot).setAutoCommit(false);
                try (var lock = holders.get(slot).prepareStatement("select 1 from store_stock_slots where variant_id = ? and slot = ? for update")) {
                    lock.setLong(1, variant);
                    lock.setInt(2, slot);
                    lock.executeQuery();
                }
            }
            var placing = placeOnAnotherThread(sku);
            int waitedFor = blockerAmong(holders);
            try (var sell = holders.get(waitedFor).prepareStatement("update store_stock_slots set stock = 0 where variant_id = ? and slot = ?")) {
                sell.setLong(1, variant);
                sell.setInt(2, waitedFor);
                sell.executeUpdate();
            }
            var prober = holders.get(waitedFor);
            prober.commit();
            var other = holders.get(1 - waitedFor);
            waitUntilBlockedBy(other);
            try (var probe = prober.prepareStatement("select 1 from store_stock_slots where variant_id = ? and slot = ? for update nowait")) {
                probe.setLong(1, variant);
                probe.setInt(2, waitedFor);
                probe.executeQuery(); // throws "could not obtain lock" if the waiting order still held the emptied slot
            }
            prober.rollback();
            other.rollback();
            assertThat(placing.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(201);
        }
        assertThat(stockOf(sku)).isZero();
    }

    @Test
    void orderIdsTakenInBlocksAreUniqueUnderConcurrencyAndRiseOnOneNode() throws Exception {
        var tasks = new ArrayList<Callable<java.util.List<Long>>>();
        for (int i = 0; i < 40; i++) {
            tasks.add(() -> java.util.stream.IntStream.range(0, 5).mapToObj(k -> orders.newId()).toList());
        }
        var all = new ArrayList<>(race(tasks).stream().flatMap(java.util.List::stream).toList());
        var inTurn = java.util.stream.IntStream.range(0, 100).mapToObj(k -> orders.newId()).toList();
        assertThat(inTurn).as("ids taken one after another").isSorted();
        all.addAll(inTurn);
        assertThat(all).doesNotHaveDuplicates().hasSize(300);
    }

    @Test
    void oneLineOrdersOfOneMemberOnSeveralNodesHoldTheLimitAndTheStock() throws Exception {
        // the statement a one-line order is stored with, raced without this node's MemberQueue, as several nodes would
        drop("SPREAD-" + n, 100, Map.of("perMemberLimit", 3));
        var unit = oneUnit("SPREAD-" + n);
        var transaction = new TransactionTemplate(transactions);
        var tasks = new ArrayList<Callable<Orders.Placement>>();
        for (int i = 0; i < 12; i++) {
            tasks.add(() -> transaction.execute(s -> {
                long id = orders.newId();
                var placed = orders.insertTakingStock(id, unit.order(), unit.item().apply(id), 3);
                if (placed != Orders.Placement.TAKEN) s.setRollbackOnly();
                return placed;
            }));
        }
        var placements = race(tasks);
        assertThat(placements.stream().filter(p -> p == Orders.Placement.TAKEN).count()).isEqualTo(3);
        assertThat(placements.stream().filter(p -> p == Orders.Placement.LIMIT_REACHED).count()).isEqualTo(9);
        assertThat(stockOf("SPREAD-" + n)).isEqualTo(97);
        assertThat(jdbc.sql("select count(*) from store_order_items where sku = :s").param("s", "SPREAD-" + n).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void aOneStatementOrderRefusedByTheLimitLeavesNothingBehindOnAnyNode() throws Exception {
        // the autocommitted statement most orders are stored with, raced without this node's MemberQueue and without a
        // transaction, as several nodes would: a refusal ends it in an error, so its order, mail and count go too
        drop("ALONE-" + n, 100, Map.of("perMemberLimit", 3));
        var unit = oneUnit("ALONE-" + n);
        String to = "alone" + n + "@example.com";
        var tasks = new ArrayList<Callable<Orders.Placement>>();
        for (int i = 0; i < 12; i++) {
            tasks.add(() -> {
                long id = orders.newId();
                return orders.placeOneLine(id, unit.order(), unit.item().apply(id), 3, unit.pricedFacts(),
                    java.util.Optional.of(outbox.queued(to, "ご注文 " + id, "本文")));
            });
        }
        var placements = race(tasks);
        assertThat(placements.stream().filter(p -> p == Orders.Placement.TAKEN).count()).isEqualTo(3);
        assertThat(placements.stream().filter(p -> p == Orders.Placement.LIMIT_REACHED).count()).isEqualTo(9);
        assertThat(stockOf("ALONE-" + n)).isEqualTo(97);
        assertThat(jdbc.sql("select count(*) from store_order_items where sku = :s").param("s", "ALONE-" + n).query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from store_orders o where not exists (select from store_order_items i where i.order_id = o.id)")
            .query(Integer.class).single()).as("orders without lines").isZero();
        assertThat(jdbc.sql("select count(*) from mail_outbox where to_address = :t").param("t", to).query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select quantity from store_member_purchases m join store_variants v on v.product_id = m.product_id where v.sku = :s")
            .param("s", "ALONE-" + n).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void anOrderNoSingleSlotCanFillTakesFromSeveralAndCountsOnce() {
        // 8 units, one in each stock slot: two units are in no single slot, so the one statement gives way to the
        // transaction that takes from several; the statement's count of the member was undone with it
        drop("SPLIT-" + n, 8, Map.of("perMemberLimit", 5));
        var r = api.post("/api/v1/orders", order("bank_transfer", "SPLIT-" + n, 2), buyer.token());
        created(r);
        assertThat(stockOf("SPLIT-" + n)).isEqualTo(6);
        assertThat(jdbc.sql("select quantity from store_member_purchases m join store_variants v on v.product_id = m.product_id where v.sku = :s")
            .param("s", "SPLIT-" + n).query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from mail_outbox where to_address = :t and subject like :s")
            .param("t", "buyer-s" + n + "@example.com").param("s", "%" + r.json().get("id").asString() + "%").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from store_orders where buyer_id = :b").param("b", Long.parseLong(buyer.id())).query(Integer.class).single())
            .isEqualTo(1);
    }

    /**
     * One unit of {@code sku} for the buyer, as the order paths store it; the line under the order id they pass; the
     * catalog facts it is priced on.
     */
    private record OneUnit(Orders.NewOrder order, java.util.function.LongFunction<Orders.ItemRow> item, String pricedFacts) {}

    private OneUnit oneUnit(String sku) {
        var variant = products.variantsBySku(java.util.List.of(sku)).get(sku);
        var totals = OrderTotals.of(java.util.List.of(new OrderTotals.Line(1000, OrderTotals.STANDARD)), 0, 0, 0);
        var address = new Views.Address("山田 花子", "150-0001", "13", "渋谷区", "1-2-3", null, "0312345678");
        return new OneUnit(new Orders.NewOrder(Long.parseLong(buyer.id()), "bank_transfer", totals, address, null, null, null, null, null),
            id -> new Orders.ItemRow(id, 1, variant.productId(), variant.id(), variant.sku(), "p", "v", 1, 1000, OrderTotals.STANDARD),
            variant.pricedFacts());
    }

    /** The buyer orders one unit of {@code sku} on a thread of its own (the common pool may have only one). */
    private java.util.concurrent.CompletableFuture<Integer> placeOnAnotherThread(String sku) {
        var placing = new java.util.concurrent.CompletableFuture<Integer>();
        Thread.ofPlatform().start(() -> {
            try {
                placing.complete(new Api(api.uri("").toString()).post("/api/v1/orders", order("bank_transfer", sku, 1), buyer.token()).status());
            } catch (RuntimeException e) {
                placing.completeExceptionally(e);
            }
        });
        return placing;
    }

    private int stockOf(String sku) {
        return jdbc.sql("select sum(t.stock) from store_stock_slots t join store_variants v on v.id = t.variant_id where v.sku = :s")
            .param("s", sku).query(Integer.class).single();
    }

    /** Waits until some backend waits for a lock that {@code holder} holds (by pid: a long statement's text is cut short). */
    private void waitUntilBlockedBy(java.sql.Connection holder) throws Exception {
        blockerAmong(java.util.List.of(holder));
    }

    /** Waits until some backend waits for a lock that one of {@code holders} holds; which one. */
    private int blockerAmong(java.util.List<java.sql.Connection> holders) throws Exception {
        var pids = new ArrayList<Integer>();
        for (var holder : holders) {
            try (var statement = holder.createStatement(); var rs = statement.executeQuery("select pg_backend_pid()")) {
                rs.next();
                pids.add(rs.getInt(1));
            }
        }
        for (int i = 0; i < 200; i++) {
            for (int h = 0; h < pids.size(); h++) {
                if (jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and :pid = any(pg_blocking_pids(pid))")
                    .param("pid", pids.get(h)).query(Integer.class).single() > 0) {
                    return h;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("No statement waited for a lock of backends " + pids);
    }
}
