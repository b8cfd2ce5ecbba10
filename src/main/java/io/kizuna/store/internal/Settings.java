package io.kizuna.store.internal;

import io.kizuna.platform.ReadCache;
import io.kizuna.store.Views.SettingsView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one-row {@code store_settings} table. Every order and store page reads it, so reads come from the node's
 * {@link ReadCache}: a change shows at once on the node that saved it and within the cache's lifetime (1 s) elsewhere.
 */
@Repository
public class Settings {
    private static final String SELECT = "select shop_name, invoice_number, shipping_fee, free_shipping_from, cod_fee, payment_days, legal_notice from store_settings";
    private static final String SHOP = "shop";
    private final JdbcClient jdbc;
    private final ReadCache cache;

    Settings(JdbcClient jdbc, ReadCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    public SettingsView get() {
        return cache.read(cache.key(SHOP, 0, "settings"), () -> jdbc.sql(SELECT).query(SettingsView.class).single());
    }

    /** The settings as stored, locked until the caller's transaction ends: for changing some of them. */
    public SettingsView forUpdate() {
        return jdbc.sql(SELECT + " for update").query(SettingsView.class).single();
    }

    public void save(SettingsView s) {
        jdbc.sql("""
                update store_settings set shop_name = :name, invoice_number = :inv, shipping_fee = :ship, free_shipping_from = :free,
                  cod_fee = :cod, payment_days = :days, legal_notice = :legal, updated_at = now()""")
            .param("name", s.shopName()).param("inv", s.invoiceNumber()).param("ship", s.shippingFee()).param("free", s.freeShippingFrom())
            .param("cod", s.codFee()).param("days", s.paymentDays()).param("legal", s.legalNotice()).update();
        cache.changed(SHOP, 0);
    }
}
