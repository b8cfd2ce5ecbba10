package io.kizuna.store.internal;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code store_cart_items} table: a cart per member ({@code u:<id>}) or per anonymous browser ({@code c:<cookie>}). */
@Repository
public class Carts {
    /** A cart line with what the cart page shows of its variant and product. */
    public record CartRow(long variantId, String sku, String variantName, String productName, String slug, int price, Integer memberPrice,
                          int stock, String taxRate, int quantity) {}

    private final JdbcClient jdbc;

    Carts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<CartRow> items(String key) {
        return jdbc.sql("""
                select c.variant_id, v.sku, v.name as variant_name, p.name as product_name, p.slug, v.price, v.member_price, %s as stock,
                       p.tax_rate, c.quantity
                from store_cart_items c join store_variants v on v.id = c.variant_id join store_products p on p.id = v.product_id
                where c.cart_key = :k and p.active order by p.name, v.position""".formatted(Products.STOCK_OF_V))
            .param("k", key).query(CartRow.class).list();
    }

    /** Adds units (the line is capped at 999). */
    public void add(String key, long variantId, int quantity) {
        jdbc.sql("""
                insert into store_cart_items (cart_key, variant_id, quantity) values (:k, :v, least(:q, 999))
                on conflict (cart_key, variant_id) do update set quantity = least(store_cart_items.quantity + excluded.quantity, 999), updated_at = now()""")
            .param("k", key).param("v", variantId).param("q", quantity).update();
    }

    public void set(String key, String sku, int quantity) {
        if (quantity <= 0) {
            jdbc.sql("delete from store_cart_items where cart_key = :k and variant_id = (select id from store_variants where sku = :sku)")
                .param("k", key).param("sku", sku).update();
            return;
        }
        jdbc.sql("update store_cart_items set quantity = least(:q, 999), updated_at = now() where cart_key = :k "
                + "and variant_id = (select id from store_variants where sku = :sku)")
            .param("q", quantity).param("k", key).param("sku", sku).update();
    }

    /** Moves a visitor's cart into the member's at sign-in, adding quantities of lines both have. */
    public void merge(String from, String to) {
        jdbc.sql("""
                insert into store_cart_items (cart_key, variant_id, quantity) select :to, variant_id, quantity from store_cart_items where cart_key = :from
                on conflict (cart_key, variant_id) do update set quantity = least(store_cart_items.quantity + excluded.quantity, 999), updated_at = now()""")
            .param("to", to).param("from", from).update();
        clear(from);
    }

    public void clear(String key) {
        jdbc.sql("delete from store_cart_items where cart_key = :k").param("k", key).update();
    }

    /** Forgets anonymous carts nobody touched for 30 days. */
    public int sweep() {
        return jdbc.sql("delete from store_cart_items where cart_key like 'c:%' and updated_at < now() - interval '30 days'").update();
    }
}
