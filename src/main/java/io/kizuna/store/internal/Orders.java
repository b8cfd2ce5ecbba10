package io.kizuna.store.internal;

import io.kizuna.mail.MailOutbox;
import io.kizuna.store.OrderStatus;
import io.kizuna.store.OrderTotals;
import io.kizuna.store.Views.Address;
import io.kizuna.store.Views.ItemView;
import io.kizuna.store.Views.OrderView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The {@code store_orders} and {@code store_order_items} tables. */
@Repository
public class Orders {
    /** An order as stored; totals are recomputed from the lines with {@link OrderTotals} so one rule makes every figure. */
    public record OrderRow(long id, long buyerId, OrderStatus status, String paymentMethod, int subtotal, int discount, int shipping,
                           int fee, int total, Address address, Long couponId, String couponCode, String trackingNumber,
                           String paymentRef, OffsetDateTime paymentDueAt, OffsetDateTime createdAt, OffsetDateTime paidAt,
                           OffsetDateTime shippedAt) {}

    /** A line as stored, with the ids needed to give stock back. */
    public record ItemRow(long orderId, int line, long productId, long variantId, String sku, String productName, String variantName,
                          int quantity, int unitPrice, int taxRate) {
        ItemView view() {
            return new ItemView(sku, productName, variantName, quantity, unitPrice, taxRate);
        }
    }

    public record NewOrder(long buyerId, String paymentMethod, OrderTotals totals, Address address, Long couponId, String couponCode,
                           String paymentRef, OffsetDateTime paymentDueAt, String source) {}

    private static final String COLUMNS = "id, buyer_id, status, payment_method, subtotal, discount, shipping, fee, total, ship_name, "
        + "postal_code, prefecture, city, line1, line2, phone, coupon_id, coupon_code, tracking_number, payment_ref, payment_due_at, "
        + "created_at, paid_at, shipped_at";

    /** How many order ids a node takes from the sequence at a time. */
    private static final int ID_BLOCK = 32;

    private final JdbcClient jdbc;
    private final java.util.concurrent.PriorityBlockingQueue<Long> freeIds = new java.util.concurrent.PriorityBlockingQueue<>();

    Orders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The id for a new order, known before it is stored so that its mail can be written in the same statement. Ids
     * come from the sequence in blocks, so most orders take theirs without a round trip, and each is the smallest this
     * node holds, so on one node they rise with time, but for orders placed while two callers read a block at once:
     * no lock is held while a block is read (a caller may hold a pooled connection already, and one waiting for the
     * pool must not hold up those). Across nodes ids rise only roughly, each node working through its own block. Ids
     * left when a node stops are never used.
     */
    public long newId() {
        for (Long id = freeIds.poll(); ; id = freeIds.poll()) {
            if (id != null) return id;
            freeIds.addAll(jdbc.sql("select nextval('store_orders_id_seq') from generate_series(1, :n)").param("n", ID_BLOCK).query(Long.class).list());
        }
    }

    /** The order's row and its lines, as the first two parts of a {@code with} (see {@link #bind}). */
    private static final String ORDER_AND_LINES = """
            o as (
              insert into store_orders (id, buyer_id, status, payment_method, subtotal, discount, shipping, fee, total, ship_name, postal_code,
                prefecture, city, line1, line2, phone, coupon_id, coupon_code, payment_ref, payment_due_at, source)
              values (:id, :buyer, 'pending_payment', :method, :subtotal, :discount, :shipping, :fee, :total, :name, :postal, :pref, :city,
                :line1, :line2, :phone, :coupon, :code, :ref, :due, :source)),
            lines as (
              insert into store_order_items (order_id, line, product_id, variant_id, sku, product_name, variant_name, quantity, unit_price, tax_rate)
              select :id, x.line, x.p, x.v, x.sku, x.pn, x.vn, x.q, x.price, x.rate
              from unnest(:lines::int[], :ps::bigint[], :vs::bigint[], :skus::text[], :pns::text[], :vns::text[], :qs::int[],
                          :prices::int[], :rates::int[]) as x(line, p, v, sku, pn, vn, q, price, rate))""";

    /**
     * Inserts the order under {@code id} (taken with {@link #newId}) and its lines in one statement:
     * one round trip, whatever the number of lines.
     */
    public void insert(long id, NewOrder o, List<ItemRow> items) {
        bind(jdbc.sql("with " + ORDER_AND_LINES + " select 1"), id, o, items).query(Integer.class).single();
    }

    /**
     * What {@link #insertTakingStock} or {@link #placeOneLine} did; only the latter tells {@code OUT_OF_STOCK} (fewer
     * units left than the order asks for) and {@code FACTS_CHANGED} (the catalog no longer agrees with the price).
     */
    public enum Placement { TAKEN, LIMIT_REACHED, NO_FREE_SLOT, OUT_OF_STOCK, FACTS_CHANGED }

    /**
     * A one-line order in one statement: inserts it as {@link #insert} does, counts its units against the buyer's
     * limit for the product ({@code limit}, when it has one), and then, only if that count held, takes the units from
     * a stock slot that no other order holds ({@link Products#take}'s first pass). The caller rolls back unless
     * {@code TAKEN}; after {@code NO_FREE_SLOT} it goes on with {@link Products#take}, which locks every slot in slot order.
     * <p>
     * Row locks come in the order every other path takes them, member row before stock slot: the stock update's
     * one-time filter reads the count's outcome, so PostgreSQL runs the count before it scans for a slot.
     */
    public Placement insertTakingStock(long id, NewOrder o, ItemRow item, Integer limit) {
        var outcome = oneLine("", false, "select (select ok from allowed) as allowed, (select count(*) from taken) as taken",
                id, o, item, limit)
            .query((rs, i) -> !rs.getBoolean("allowed") ? Placement.LIMIT_REACHED
                : rs.getLong("taken") == 1 ? Placement.TAKEN
                : rs.getLong("taken") == 0 ? Placement.NO_FREE_SLOT : null)
            .single();
        if (outcome == null) throw new IllegalStateException("One take changed several stock slots of variant " + item.variantId());
        return outcome;
    }

    /**
     * A one-line order as one autocommitted statement, with no transaction around it: {@link #insertTakingStock}'s
     * work plus the order's mail ({@code mail}, queued in the same statement), once the variant and its product still
     * say what the order was priced on ({@code pricedFacts}, {@link Products#PRICED_FACTS}): so it may be priced from a
     * cached row. When the facts, the limit or the stock refuse, the statement ends in an error ({@code store_refuse}),
     * so nothing it wrote stays. Must not run inside a transaction: it would end that transaction's work with the
     * error. Row locks last only while the statement runs, so it waits for a slot another order holds instead of
     * passing over it. {@code NO_FREE_SLOT} here means no single slot has enough though all together do: the caller
     * goes on with a transaction that can take from several.
     */
    public Placement placeOneLine(long id, NewOrder o, ItemRow item, Integer limit, String pricedFacts, Optional<MailOutbox.Queued> mail) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) throw new IllegalStateException("placeOneLine runs on its own");
        var spec = oneLine(mail.map(m -> ",\nmail as (" + m.insert() + ")").orElse(""), true, """
                select case when latest.facts is distinct from :facts then store_refuse('facts-changed')
                            when not (select ok from allowed) then store_refuse('limit-reached')
                            when (select count(*) from taken) = 0 and latest.stock < :q then store_refuse('out-of-stock')
                            when (select count(*) from taken) = 0 then store_refuse('no-slot-with-enough')
                            when (select count(*) from taken) > 1 then store_refuse('several-slots')
                            else 'taken' end
                from (select 1) as one left join (
                  select %s as facts, %s as stock from store_variants v join store_products p on p.id = v.product_id where v.id = :v
                ) as latest on true""".formatted(Products.PRICED_FACTS, Products.STOCK_OF_V), id, o, item, limit).param("facts", pricedFacts);
        if (mail.isPresent()) spec = spec.params(mail.get().params());
        try {
            spec.query(String.class).single();
        } catch (DataAccessException e) {
            var refusal = refusal(e).orElseThrow(() -> e);
            return switch (refusal) {
                case "facts-changed" -> Placement.FACTS_CHANGED;
                case "limit-reached" -> Placement.LIMIT_REACHED;
                case "out-of-stock" -> Placement.OUT_OF_STOCK;
                case "no-slot-with-enough" -> Placement.NO_FREE_SLOT;
                default -> throw new IllegalStateException("One take changed several stock slots of variant " + item.variantId());
            };
        }
        mail.ifPresent(m -> m.committed().run());
        return Placement.TAKEN;
    }

    /**
     * A one-line order's statement: the order and its lines, {@code more} CTEs, the count against the buyer's limit,
     * the take from a stock slot ({@link Products#slotToTake}: waiting for a busy one when {@code orWait}), then
     * {@code select} over {@code allowed} and {@code taken}.
     */
    private JdbcClient.StatementSpec oneLine(String more, boolean orWait, String select, long id, NewOrder o, ItemRow item, Integer limit) {
        return bind(jdbc.sql("with " + ORDER_AND_LINES + more + """
                ,
                counted as (%s returning 1),
                allowed as (select :limit::int is null or exists (select from counted) as ok),
                taken as (
                  update store_stock_slots set stock = stock - :q
                  where (select ok from allowed) and variant_id = :v and stock >= :q and slot = %s
                  returning 1)
                """.formatted(Products.COUNT_PURCHASE, Products.slotToTake(orWait)) + select), id, o, List.of(item))
            .param("product", item.productId()).param("q", item.quantity()).param("limit", limit, Types.INTEGER)
            .param("v", item.variantId()).param("start", ThreadLocalRandom.current().nextInt(Products.SLOTS));
    }

    /** The reason a statement gave to {@code store_refuse}; empty for any other error. */
    private static Optional<String> refusal(DataAccessException e) {
        return e.getMostSpecificCause() instanceof PSQLException p && "KZ409".equals(p.getSQLState()) && p.getServerErrorMessage() != null
            ? Optional.ofNullable(p.getServerErrorMessage().getMessage()) : Optional.empty();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, long id, NewOrder o, List<ItemRow> items) {
        var t = o.totals();
        var a = o.address();
        return spec.param("id", id)
            .param("buyer", o.buyerId()).param("method", o.paymentMethod()).param("subtotal", t.subtotal()).param("discount", t.discount())
            .param("shipping", t.shipping()).param("fee", t.fee()).param("total", t.total()).param("name", a.name())
            .param("postal", a.postalCode()).param("pref", a.prefecture()).param("city", a.city()).param("line1", a.line1())
            .param("line2", a.line2()).param("phone", a.phone()).param("coupon", o.couponId()).param("code", o.couponCode())
            .param("ref", o.paymentRef()).param("due", o.paymentDueAt()).param("source", o.source())
            .param("lines", items.stream().map(ItemRow::line).toArray(Integer[]::new))
            .param("ps", items.stream().map(ItemRow::productId).toArray(Long[]::new))
            .param("vs", items.stream().map(ItemRow::variantId).toArray(Long[]::new))
            .param("skus", items.stream().map(ItemRow::sku).toArray(String[]::new))
            .param("pns", items.stream().map(ItemRow::productName).toArray(String[]::new))
            .param("vns", items.stream().map(ItemRow::variantName).toArray(String[]::new))
            .param("qs", items.stream().map(ItemRow::quantity).toArray(Integer[]::new))
            .param("prices", items.stream().map(ItemRow::unitPrice).toArray(Integer[]::new))
            .param("rates", items.stream().map(ItemRow::taxRate).toArray(Integer[]::new));
    }

    public Optional<OrderRow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from store_orders where id = :id").param("id", id).query(Orders::row).optional();
    }

    /** The order locked for a status change, so a buyer's cancel and a staff action never both apply. */
    public Optional<OrderRow> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from store_orders where id = :id for update").param("id", id).query(Orders::row).optional();
    }

    public List<ItemRow> items(long orderId) {
        return jdbc.sql("select * from store_order_items where order_id = :o order by line").param("o", orderId).query(ItemRow.class).list();
    }

    /** A page of orders, newest first: a buyer's (when {@code buyer} is set) or all, optionally of one status. */
    public List<OrderRow> page(Long buyer, String status, Long beforeId, int limit) {
        var where = new ArrayList<String>();
        where.add("true");
        if (buyer != null) where.add("buyer_id = :buyer");
        if (status != null) where.add("status = :status");
        if (beforeId != null) where.add("id < :before");
        var spec = jdbc.sql("select " + COLUMNS + " from store_orders where " + String.join(" and ", where) + " order by id desc limit :limit")
            .param("limit", limit);
        if (buyer != null) spec = spec.param("buyer", buyer);
        if (status != null) spec = spec.param("status", status);
        if (beforeId != null) spec = spec.param("before", beforeId);
        return spec.query(Orders::row).list();
    }

    /** The lines of many orders in one query. */
    public Map<Long, List<ItemRow>> items(List<Long> orderIds) {
        var result = new HashMap<Long, List<ItemRow>>();
        if (orderIds.isEmpty()) return result;
        jdbc.sql("select * from store_order_items where order_id = any(:ids) order by order_id, line")
            .param("ids", orderIds.stream().mapToLong(Long::longValue).toArray()).query(ItemRow.class).list()
            .forEach(i -> result.computeIfAbsent(i.orderId(), k -> new ArrayList<>()).add(i));
        return result;
    }

    /** Moves an order to {@code to}, stamping the matching time column; the aggregate has checked the move. */
    public void setStatus(long id, OrderStatus to, String trackingNumber) {
        String stamp = switch (to) {
            case PAID -> "paid_at";
            case SHIPPED -> "shipped_at";
            case DELIVERED -> "delivered_at";
            case CANCELLED -> "cancelled_at";
            case REFUNDED -> "refunded_at";
            case PENDING_PAYMENT -> "created_at";
        };
        jdbc.sql("update store_orders set status = :s, " + stamp + " = now(), tracking_number = coalesce(:tracking, tracking_number) where id = :id")
            .param("s", to.code()).param("tracking", trackingNumber).param("id", id).update();
    }

    /** Up to {@code limit} unpaid orders past their due time, locked; other nodes skip them ({@code SKIP LOCKED}). */
    public List<Long> lockOverdue(int limit) {
        return jdbc.sql("""
                select id from store_orders where status = 'pending_payment' and payment_due_at < now()
                order by payment_due_at limit :limit for update skip locked""").param("limit", limit).query(Long.class).list();
    }

    public Optional<Long> idByPaymentRef(String ref) {
        return jdbc.sql("select id from store_orders where payment_ref = :r").param("r", ref).query(Long.class).optional();
    }

    public static OrderView view(OrderRow o, List<ItemRow> items) {
        var lines = items.stream().map(i -> new OrderTotals.Line((long) i.unitPrice() * i.quantity(), i.taxRate())).toList();
        var totals = OrderTotals.of(lines, o.discount(), o.shipping(), o.fee());
        return new OrderView(Long.toString(o.id()), o.status().code(), o.paymentMethod(), items.stream().map(ItemRow::view).toList(),
            totals, o.address(), o.couponCode(), o.trackingNumber(), o.paymentRef(), o.paymentDueAt(), o.createdAt(), o.paidAt(),
            o.shippedAt(), Long.toString(o.buyerId()));
    }

    private static OrderRow row(ResultSet rs, int i) throws SQLException {
        return new OrderRow(rs.getLong("id"), rs.getLong("buyer_id"), OrderStatus.fromCode(rs.getString("status")), rs.getString("payment_method"),
            rs.getInt("subtotal"), rs.getInt("discount"), rs.getInt("shipping"), rs.getInt("fee"), rs.getInt("total"),
            new Address(rs.getString("ship_name"), rs.getString("postal_code"), rs.getString("prefecture"), rs.getString("city"),
                rs.getString("line1"), rs.getString("line2"), rs.getString("phone")),
            (Long) rs.getObject("coupon_id"), rs.getString("coupon_code"), rs.getString("tracking_number"), rs.getString("payment_ref"),
            rs.getObject("payment_due_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("paid_at", OffsetDateTime.class), rs.getObject("shipped_at", OffsetDateTime.class));
    }
}
