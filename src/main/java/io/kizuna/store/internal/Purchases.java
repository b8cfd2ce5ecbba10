package io.kizuna.store.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which products a buyer has paid for, read from the order lines. */
@Repository
public class Purchases {
    private final JdbcClient jdbc;

    Purchases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Set<Long> bought(long buyer, Collection<Long> productIds) {
        if (productIds.isEmpty()) return Set.of();
        return new HashSet<>(jdbc.sql("""
                select distinct i.product_id from store_order_items i join store_orders o on o.id = i.order_id
                where o.buyer_id = :buyer and i.product_id in (:products) and o.status in ('paid', 'shipped', 'delivered')""")
            .param("buyer", buyer).param("products", productIds).query(Long.class).list());
    }

    public record ProductRow(long id, String slug, String name) {}

    public java.util.List<ProductRow> products(Collection<Long> ids) {
        if (ids.isEmpty()) return java.util.List.of();
        return jdbc.sql("select id, slug, name from store_products where id in (:ids)").param("ids", ids).query(ProductRow.class).list();
    }
}
