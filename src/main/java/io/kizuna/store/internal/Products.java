package io.kizuna.store.internal;

import io.kizuna.store.Views.ProductView;
import io.kizuna.store.Views.VariantView;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code store_products} and {@code store_variants} tables: catalog reads in one query per list, and stock moves. */
@Repository
public class Products {
    /** A product row without its variants. */
    public record ProductRow(long id, String slug, String name, String description, String category, String taxRate,
                             String visibility, List<String> images, boolean active, OffsetDateTime createdAt, int minPrice,
                             OffsetDateTime saleStartsAt, OffsetDateTime earlyAccessFrom, Integer perMemberLimit) {}

    /** A limited drop's rules: sale start, members' early access, and the per-member limit; all optional. */
    public record Drop(OffsetDateTime saleStartsAt, OffsetDateTime earlyAccessFrom, Integer perMemberLimit) {}

    /**
     * A variant with what an order line needs of its product; {@code pricedFacts}: all of it but the stock as one value
     * ({@link #PRICED_FACTS}), for a statement to check that an order priced on this row still agrees with the catalog.
     */
    public record VariantRow(long id, long productId, String sku, String name, int price, Integer memberPrice, int stock,
                             String productName, String taxRate, String visibility, boolean active, OffsetDateTime saleStartsAt,
                             OffsetDateTime earlyAccessFrom, Integer perMemberLimit, String pricedFacts) {}

    /** What an order is priced and allowed on, as one value, for a query in which {@code v} and {@code p} are the rows. */
    static final String PRICED_FACTS = "row(v.sku, v.name, v.price, v.member_price, p.name, p.tax_rate, p.visibility, p.active, "
        + "p.sale_starts_at, p.early_access_from, p.per_member_limit)::text";

    /** A variant to write; {@code stock} is null when an edit leaves an existing variant's stock alone. */
    public record NewVariantRow(String sku, String name, int price, Integer memberPrice, Integer stock) {}

    private static final String PRODUCT_COLUMNS = "p.id, p.slug, p.name, p.description, p.category, p.tax_rate, p.visibility, p.images, "
        + "p.active, p.created_at, p.sale_starts_at, p.early_access_from, p.per_member_limit, coalesce((select min(v.price) from store_variants v where v.product_id = p.id), 0) as min_price";

    /** How many counter rows hold a variant's stock (see the V4_2 migration). */
    static final int SLOTS = 8;
    /** A variant's stock, for a query in which {@code v} is the {@code store_variants} row. */
    static final String STOCK_OF_V = "(select coalesce(sum(s.stock), 0) from store_stock_slots s where s.variant_id = v.id)";

    private final JdbcClient jdbc;

    Products(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a product; empty when the slug is taken. */
    public Optional<Long> insert(String slug, String name, String description, String category, String taxRate, String visibility,
                                 List<String> images, boolean active, Drop drop, long createdBy) {
        return jdbc.sql("""
                insert into store_products (slug, name, description, category, tax_rate, visibility, images, active, created_by,
                  sale_starts_at, early_access_from, per_member_limit)
                values (:slug, :name, :d, :c, :t, :v, :images, :active, :by, :start, :early, :limit) on conflict (slug) do nothing returning id""")
            .param("start", drop.saleStartsAt()).param("early", drop.earlyAccessFrom()).param("limit", drop.perMemberLimit())
            .param("slug", slug).param("name", name).param("d", description).param("c", category).param("t", taxRate)
            .param("v", visibility).param("images", images.toArray(String[]::new)).param("active", active).param("by", createdBy)
            .query(Long.class).optional();
    }

    /** Inserts variants; false when a SKU is already taken (the caller rolls back). */
    public boolean insertVariants(long productId, List<NewVariantRow> variants, int firstPosition) {
        int position = firstPosition;
        for (var v : variants) {
            var id = jdbc.sql("""
                    insert into store_variants (product_id, sku, name, price, member_price, position)
                    values (:p, :sku, :name, :price, :mp, :pos) on conflict (sku) do nothing returning id""")
                .param("p", productId).param("sku", v.sku()).param("name", v.name()).param("price", v.price())
                .param("mp", v.memberPrice()).param("pos", position++).query(Long.class).optional();
            if (id.isEmpty()) return false;
            jdbc.sql("""
                    insert into store_stock_slots (variant_id, slot, stock)
                    select :id, s, :stock / 8 + case when s < :stock % 8 then 1 else 0 end from generate_series(0, 7) s""")
                .param("id", id.get()).param("stock", v.stock()).update();
        }
        return true;
    }

    public void update(long id, String name, String description, String category, String taxRate, String visibility,
                       List<String> images, boolean active, Drop drop) {
        jdbc.sql("""
                update store_products set name = :name, description = :d, category = :c, tax_rate = :t, visibility = :v,
                  images = :images, active = :active, sale_starts_at = :start, early_access_from = :early, per_member_limit = :limit
                where id = :id""")
            .param("start", drop.saleStartsAt()).param("early", drop.earlyAccessFrom()).param("limit", drop.perMemberLimit())
            .param("name", name).param("d", description).param("c", category).param("t", taxRate).param("v", visibility)
            .param("images", images.toArray(String[]::new)).param("active", active).param("id", id).update();
    }

    /** Changes an existing variant of the product; its stock only when {@code v.stock()} is given. */
    public void updateVariant(long productId, NewVariantRow v) {
        jdbc.sql("update store_variants set name = :name, price = :price, member_price = :mp where product_id = :p and sku = :sku")
            .param("name", v.name()).param("price", v.price()).param("mp", v.memberPrice()).param("p", productId).param("sku", v.sku()).update();
        if (v.stock() != null) setStock(v.sku(), v.stock());
    }

    public Optional<ProductView> findBySlug(String slug) {
        var row = jdbc.sql("select " + PRODUCT_COLUMNS + " from store_products p where p.slug = :slug")
            .param("slug", slug).query(Products::productRow).optional();
        return row.map(r -> withVariants(List.of(r)).getFirst());
    }

    /**
     * A page of active products, newest first or cheapest first, keyset-paged; {@code membersToo} includes members-only
     * products; {@code category} may be null. Fetch {@code limit + 1} to learn whether more exist.
     */
    public List<ProductView> page(boolean membersToo, String category, boolean byPrice, Long afterKey, String afterTime, Long afterId, int limit) {
        var where = new StringBuilder("p.active");
        if (!membersToo) where.append(" and p.visibility = 'public'");
        if (category != null) where.append(" and p.category = :category");
        String sql;
        if (byPrice) {
            sql = "select * from (select " + PRODUCT_COLUMNS + " from store_products p where " + where + ") x"
                + (afterId != null ? " where (x.min_price, x.id) > (:k, :id)" : "") + " order by x.min_price, x.id limit :limit";
        } else {
            sql = "select " + PRODUCT_COLUMNS + " from store_products p where " + where
                + (afterId != null ? " and (p.created_at, p.id) < (cast(:t as timestamptz), :id)" : "") + " order by p.created_at desc, p.id desc limit :limit";
        }
        var spec = jdbc.sql(sql).param("limit", limit);
        if (category != null) spec = spec.param("category", category);
        if (afterId != null) {
            spec = spec.param("id", afterId);
            spec = byPrice ? spec.param("k", afterKey) : spec.param("t", afterTime);
        }
        return withVariants(spec.query(Products::productRow).list());
    }

    /** Every product (active or not) for staff, newest first. */
    public List<ProductView> all(int limit) {
        return withVariants(jdbc.sql("select " + PRODUCT_COLUMNS + " from store_products p order by p.created_at desc, p.id desc limit :limit")
            .param("limit", limit).query(Products::productRow).list());
    }

    public List<String> categories() {
        return jdbc.sql("select distinct category from store_products where active and category <> '' order by category").query(String.class).list();
    }

    /** A product's slug and first image (null when it has none). */
    public record ProductRef(String slug, String image) {}

    public Map<Long, ProductRef> refs(Collection<Long> productIds) {
        var result = new java.util.HashMap<Long, ProductRef>();
        jdbc.sql("select id, slug, images[1] as image from store_products where id = any(:ids)")
            .param("ids", productIds.stream().mapToLong(Long::longValue).toArray())
            .query((rs, i) -> Map.entry(rs.getLong("id"), new ProductRef(rs.getString("slug"), rs.getString("image")))).list()
            .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /** Variants by SKU with their product facts, in one query. */
    public Map<String, VariantRow> variantsBySku(Collection<String> skus) {
        var result = new LinkedHashMap<String, VariantRow>();
        // One SKU (most orders) is matched with "=": PostgreSQL plans "= any(array)" afresh on every call, because its
        // generic plan guesses at the array's length, and under order load that planning cost six times the query.
        boolean one = skus.size() == 1;
        jdbc.sql("""
                select v.id, v.product_id, v.sku, v.name, v.price, v.member_price, %s as stock, p.name as product_name, p.tax_rate,
                       p.visibility, p.active, p.sale_starts_at, p.early_access_from, p.per_member_limit, %s as priced_facts
                from store_variants v join store_products p on p.id = v.product_id where v.sku = %s"""
                .formatted(STOCK_OF_V, PRICED_FACTS, one ? ":skus" : "any(:skus)"))
            .param("skus", one ? skus.iterator().next() : skus.toArray(String[]::new))
            .query(VARIANT).list()
            .forEach(v -> result.put(v.sku(), v));
        return result;
    }

    private static final RowMapper<VariantRow> VARIANT = new DataClassRowMapper<>(VariantRow.class);

    /**
     * Takes {@code quantity} units if that many are left, in the caller's transaction. Every step is a guarded update
     * of slots that are {@code >= 0} by constraint, so stock never goes below zero. First a slot with enough that no
     * other order holds (starting at a random slot, so concurrent buyers spread over the rows); else lock every slot
     * with stock in slot order and take from one or across several. It never waits for one busy slot first: a slot
     * waited for and then found short stays locked until the commit, out of slot order ({@link #slotToTake}).
     */
    public boolean take(long variantId, int quantity) {
        // The slot is a scalar subquery, which PostgreSQL runs once. As a join in FROM it could be planned as the inner
        // side of a nested loop and run again per row, each rescan locking the next slot, so one update would take
        // from several slots.
        int n = jdbc.sql("update store_stock_slots set stock = stock - :q where variant_id = :v and stock >= :q and slot = " + slotToTake(false))
            .param("q", quantity).param("v", variantId).param("start", ThreadLocalRandom.current().nextInt(SLOTS)).update();
        if (n > 1) throw new IllegalStateException("One take changed " + n + " stock slots of variant " + variantId);
        if (n == 1) return true;
        var slots = jdbc.sql("select slot, stock from store_stock_slots where variant_id = :v and stock > 0 order by slot for update")
            .param("v", variantId).query((rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)}).list();
        if (slots.stream().mapToInt(s -> s[1]).sum() < quantity) return false;
        int left = quantity;
        for (var slot : slots) {
            int part = Math.min(left, slot[1]);
            jdbc.sql("update store_stock_slots set stock = stock - :q where variant_id = :v and slot = :s")
                .param("q", part).param("v", variantId).param("s", slot[0]).update();
            left -= part;
            if (left == 0) break;
        }
        return true;
    }

    /** Returns units to a random slot of the variant. */
    public void giveBack(long variantId, int quantity) {
        jdbc.sql("update store_stock_slots set stock = stock + :q where variant_id = :v and slot = :s")
            .param("q", quantity).param("v", variantId).param("s", ThreadLocalRandom.current().nextInt(SLOTS)).update();
    }

    /** Staff set a variant's stock, spread evenly over its slots; false for an unknown SKU. */
    public boolean setStock(String sku, int stock) {
        // slot order, as take() locks them, so a staff change and a large order cannot deadlock
        jdbc.sql("select 1 from store_stock_slots t join store_variants v on v.id = t.variant_id where v.sku = :sku order by t.slot for update of t")
            .param("sku", sku).query(Integer.class).list();
        return jdbc.sql("""
                update store_stock_slots t set stock = :s / 8 + case when t.slot < :s % 8 then 1 else 0 end
                from store_variants v where v.sku = :sku and t.variant_id = v.id""")
            .param("s", stock).param("sku", sku).update() > 0;
    }

    public boolean setActive(String slug, boolean active) {
        return jdbc.sql("update store_products set active = :a where slug = :slug").param("a", active).param("slug", slug).update() == 1;
    }

    /**
     * Counts {@code quantity} more units of a limited product against a member, only while the total stays within
     * {@code limit}: one conditional upsert, which locks the member's row, so concurrent orders cannot both slip under it.
     */
    public boolean countPurchase(long userId, long productId, int quantity, int limit) {
        return jdbc.sql(COUNT_PURCHASE).param("buyer", userId).param("product", productId).param("q", quantity).param("limit", limit)
            .update() == 1;
    }

    /**
     * Counts :q more units of :product against :buyer while the total stays within :limit (a null limit counts
     * nothing): one conditional upsert, which locks the member's row. {@link Orders#insertTakingStock} runs it too.
     */
    static final String COUNT_PURCHASE = """
            insert into store_member_purchases (user_id, product_id, quantity) select :buyer, :product, :q where :q <= :limit::int
            on conflict (user_id, product_id) do update set quantity = store_member_purchases.quantity + excluded.quantity
            where store_member_purchases.quantity + excluded.quantity <= :limit::int""";

    /**
     * A scalar subquery: the slot of variant :v to take :q units from, looked at from slot :start on: one with enough
     * that no other order holds, locked; with {@code orWait}, else one with enough that another order holds, unlocked,
     * for the update to wait on. A scalar subquery runs once, so the update that compares a slot with it changes at
     * most one row; the update must check {@code stock >= :q} itself, since a slot it waited for may have less by then.
     * <p>
     * Never a locking scan that waits: under READ COMMITTED a row it waited for and then passed over (it had too
     * little left once the other order committed) stays locked, so such a scan could hold one slot while it waited
     * for the next, and two of them, started at different slots, deadlocked as a drop sold out (seen in
     * {@code bench/store.sh}). Waiting for one slot by its key holds nothing while it waits.
     * {@link Orders#insertTakingStock} and {@link Orders#placeOneLine} use it too.
     */
    static String slotToTake(boolean orWait) {
        String withEnough = "select slot from store_stock_slots where variant_id = :v and stock >= :q order by (slot + :start) % " + SLOTS + " limit 1";
        return orWait ? "coalesce((" + withEnough + " for update skip locked), (" + withEnough + "))" : "(" + withEnough + " for update skip locked)";
    }

    public void uncountPurchase(long userId, long productId, int quantity) {
        jdbc.sql("update store_member_purchases set quantity = greatest(quantity - :q, 0) where user_id = :u and product_id = :p")
            .param("q", quantity).param("u", userId).param("p", productId).update();
    }

    private List<ProductView> withVariants(List<ProductRow> rows) {
        if (rows.isEmpty()) return List.of();
        var byProduct = new LinkedHashMap<Long, List<VariantView>>();
        jdbc.sql("select v.product_id, v.sku, v.name, v.price, v.member_price, " + STOCK_OF_V + " from store_variants v where v.product_id = any(:ids) order by v.product_id, v.position, v.id")
            .param("ids", rows.stream().mapToLong(ProductRow::id).toArray())
            .query((rs, i) -> byProduct.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                .add(new VariantView(rs.getString(2), rs.getString(3), rs.getInt(4), (Integer) rs.getObject(5), rs.getInt(6))))
            .list();
        return rows.stream().map(r -> new ProductView(Long.toString(r.id()), r.slug(), r.name(), r.description(), r.category(), r.taxRate(),
            r.visibility(), r.images(), r.active(), List.copyOf(byProduct.getOrDefault(r.id(), List.of())), r.saleStartsAt(), r.earlyAccessFrom(), r.perMemberLimit(), r.createdAt())).toList();
    }

    private static ProductRow productRow(ResultSet rs, int i) throws SQLException {
        return new ProductRow(rs.getLong("id"), rs.getString("slug"), rs.getString("name"), rs.getString("description"),
            rs.getString("category"), rs.getString("tax_rate"), rs.getString("visibility"), strings(rs.getArray("images")),
            rs.getBoolean("active"), rs.getObject("created_at", OffsetDateTime.class), rs.getInt("min_price"),
            rs.getObject("sale_starts_at", OffsetDateTime.class), rs.getObject("early_access_from", OffsetDateTime.class),
            (Integer) rs.getObject("per_member_limit"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
