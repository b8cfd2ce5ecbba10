package io.kizuna.store;

import io.kizuna.shared.Actor;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.store.Views.SettingsView;
import io.kizuna.store.internal.Settings;
import io.kizuna.store.internal.StoreRules;
import java.math.BigDecimal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Shop settings (name, invoice registration number, shipping and fees, payment days) and the 特定商取引法 page text. */
@Service
public class ShopManagement {
    /** Any field left null keeps its current value. */
    public record SettingsChange(String shopName, String invoiceNumber, BigDecimal shippingFee, BigDecimal freeShippingFrom,
                                 BigDecimal codFee, BigDecimal paymentDays, String legalNotice) {}

    private final Settings settings;
    private final StorePolicy policy;

    ShopManagement(Settings settings, StorePolicy policy) {
        this.settings = settings;
        this.policy = policy;
    }

    public SettingsView settings() {
        return settings.get();
    }

    /** The settings for the staff form: owners and admins only. */
    public SettingsView forEditing(Actor actor) {
        if (!policy.canEditSettings(actor)) throw new ForbiddenException("Only owners and admins change the shop settings.");
        return settings.get();
    }

    @Transactional
    public SettingsView change(Actor actor, SettingsChange c) {
        if (!policy.canEditSettings(actor)) throw new ForbiddenException("Only owners and admins change the shop settings.");
        StoreRules.check()
            .optionalText("shopName", c.shopName(), 100)
            .invoiceNumber("invoiceNumber", c.invoiceNumber())
            .whole("shippingFee", c.shippingFee(), 0, 100_000, false)
            .whole("freeShippingFrom", c.freeShippingFrom(), 0, 10_000_000, false)
            .whole("codFee", c.codFee(), 0, 100_000, false)
            .whole("paymentDays", c.paymentDays(), 1, 60, false)
            .optionalText("legalNotice", c.legalNotice(), 20_000)
            .orThrow();
        if (c.shopName() != null && c.shopName().isBlank()) StoreRules.check().add("shopName", "validation.required").orThrow();
        var s = settings.forUpdate();
        var next = new SettingsView(
            c.shopName() == null ? s.shopName() : c.shopName().strip(),
            c.invoiceNumber() == null ? s.invoiceNumber() : c.invoiceNumber().strip(),
            c.shippingFee() == null ? s.shippingFee() : c.shippingFee().intValue(),
            c.freeShippingFrom() == null ? s.freeShippingFrom() : c.freeShippingFrom().intValue(),
            c.codFee() == null ? s.codFee() : c.codFee().intValue(),
            c.paymentDays() == null ? s.paymentDays() : c.paymentDays().intValue(),
            c.legalNotice() == null ? s.legalNotice() : c.legalNotice().strip());
        settings.save(next);
        return next;
    }
}
