package io.kizuna.store;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What search needs from the store: the active products' text and visibility, and a cheap fingerprint of the
 * catalog so a node re-indexes products only when something changed. Catalogs are small (thousands of products),
 * so products are indexed whole rather than through a change log.
 */
@Service
public class ProductSearchFeed {
    /** An active product as search indexes it; {@code visibility} is public or members. */
    public record IndexedProduct(long id, String slug, String name, String description, String category, String visibility) {}

    private final JdbcClient jdbc;

    ProductSearchFeed(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Changes whenever a product is added, changed, hidden or shown. */
    public String fingerprint() {
        return jdbc.sql("""
                select count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(sum(hashtext(slug || chr(31) || name || chr(31)
                  || description || chr(31) || category || chr(31) || visibility || chr(31) || active::text)::bigint), 0)
                from store_products""")
            .query(String.class).single();
    }

    public List<IndexedProduct> activeProducts() {
        return jdbc.sql("select id, slug, name, description, category, visibility from store_products where active order by id")
            .query(IndexedProduct.class).list();
    }
}
