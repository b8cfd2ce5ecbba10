package io.kizuna.store.internal;

import io.kizuna.store.Views.SettingsView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one-row {@code store_settings} table. */
@Repository
public class Settings {
    private final JdbcClient jdbc;

    Settings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public SettingsView get() {
        return jdbc.sql("select shop_name, invoice_number, shipping_fee, free_shipping_from, cod_fee, payment_days, legal_notice from store_settings")
            .query(SettingsView.class).single();
    }

    public void save(SettingsView s) {
        jdbc.sql("""
                update store_settings set shop_name = :name, invoice_number = :inv, shipping_fee = :ship, free_shipping_from = :free,
                  cod_fee = :cod, payment_days = :days, legal_notice = :legal, updated_at = now()""")
            .param("name", s.shopName()).param("inv", s.invoiceNumber()).param("ship", s.shippingFee()).param("free", s.freeShippingFrom())
            .param("cod", s.codFee()).param("days", s.paymentDays()).param("legal", s.legalNotice()).update();
    }
}
