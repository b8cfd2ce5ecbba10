package io.kizuna.store;

import io.kizuna.platform.ReadCache;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.store.OrderManagement.AddressForm;
import io.kizuna.store.OrderManagement.NewItem;
import io.kizuna.store.OrderManagement.NewOrder;
import io.kizuna.store.Views.Address;
import io.kizuna.store.Views.SettingsView;
import io.kizuna.store.internal.Orders.ItemRow;
import io.kizuna.store.internal.Orders.OrderRow;
import io.kizuna.store.internal.Products;
import io.kizuna.store.internal.Products.VariantRow;
import io.kizuna.store.internal.Settings;
import io.kizuna.store.internal.StoreRules;
import io.kizuna.store.internal.Coupons;
import io.kizuna.store.internal.Coupons.CouponRow;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Turns an order form into priced lines and totals: validates every field (400 with field errors, nothing written),
 * takes prices from the catalog (client-sent prices do not exist here), applies member prices, shipping, the
 * cash-on-delivery fee and coupons. The same pricing serves the confirmation page and the order itself.
 */
@Component
public class Checkout {
    public static final Set<String> PAYMENT_METHODS = Set.of("bank_transfer", "konbini", "cod", "card");
    public static final int MAX_LINES = 50;
    public static final int MAX_QUANTITY = 999;
    private static final java.util.regex.Pattern SOURCE = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,30}:[A-Za-z0-9_-]{1,64}");

    /**
     * A priced order, ready to be stored; {@code limited}: units per product that has a per-member limit;
     * {@code pricedFacts}: per line, the catalog facts it was priced on ({@link Products.VariantRow#pricedFacts}).
     */
    public record Priced(List<ItemRow> items, OrderTotals totals, Address address, PaymentProvider provider, SettingsView settings,
                         Long couponId, String couponCode, Map<Limited, Integer> limited, List<String> pricedFacts) {}

    /** A priced order as the final confirmation page shows it. */
    public record Quote(List<Views.ItemView> items, OrderTotals totals, int paymentDays) {}

    private final Products products;
    private final Settings settings;
    private final Coupons coupons;
    private final Map<String, PaymentProvider> providers;
    private final ReadCache cache;

    Checkout(Products products, Settings settings, Coupons coupons, List<PaymentProvider> providers, ReadCache cache) {
        this.cache = cache;
        this.products = products;
        this.settings = settings;
        this.coupons = coupons;
        this.providers = providers.stream().collect(Collectors.toMap(PaymentProvider::method, Function.identity()));
    }

    /** The order priced as placing it would price it; nothing is written. */
    public Priced price(Actor actor, NewOrder form) {
        return price(actor, form, false);
    }

    /**
     * The order priced from this node's cache of the catalog ({@link ReadCache}, so most orders read nothing): only for
     * an order whose statement checks the facts it was priced on
     * ({@link io.kizuna.store.internal.Orders#placeOneLine}). A cached stock figure
     * only answers early that an item is sold out; a stale one is corrected by that statement ({@link #forget}).
     */
    Priced priceFromCache(Actor actor, NewOrder form) {
        return price(actor, form, true);
    }

    /** Drops this node's cached catalog facts of {@code sku}, which an order's statement found stale. */
    void forget(String sku) {
        cache.forget(variantKey(sku));
    }

    private String variantKey(String sku) {
        return cache.key(ReadCache.CATALOG, 0, "order-variant:" + sku);
    }

    private Map<String, VariantRow> variants(Set<String> skus, boolean fromCache) {
        if (!fromCache || skus.size() != 1) return products.variantsBySku(skus);
        String sku = skus.iterator().next();
        return cache.read(variantKey(sku), () -> products.variantsBySku(skus));
    }

    private Priced price(Actor actor, NewOrder form, boolean fromCache) {
        var rules = StoreRules.check();
        var items = form.items() == null ? List.<NewItem>of() : form.items();
        if (items.isEmpty()) rules.add("items", "validation.required");
        if (items.size() > MAX_LINES) rules.add("items", "validation.tooLong");
        var skus = new HashSet<String>();
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            if (item == null) {
                rules.add("items[" + i + "]", "validation.required");
                continue;
            }
            rules.sku("items[" + i + "].sku", item.sku()).whole("items[" + i + "].quantity", item.quantity(), 1, MAX_QUANTITY, true);
            if (item.sku() != null && !skus.add(item.sku())) rules.add("items[" + i + "].sku", "validation.store.duplicateSku");
        }
        rules.known("paymentMethod", PAYMENT_METHODS.contains(form.paymentMethod()));
        if (form.source() != null && !SOURCE.matcher(form.source()).matches()) rules.add("source", "validation.store.source");
        var address = address(rules, form.shippingAddress());
        var variants = variants(skus, fromCache);
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            if (item == null || rules.failed("items[" + i + "].sku")) continue;
            var v = variants.get(item.sku());
            if (v == null || !v.active()) rules.add("items[" + i + "].sku", "validation.store.unknownSku");
        }
        rules.orThrow();
        var provider = providers.get(form.paymentMethod());
        if (provider == null || !provider.available()) {
            throw new RuleRefusedException("payment-method-unavailable", "This shop does not take " + form.paymentMethod() + " payments.");
        }
        var now = OffsetDateTime.now();
        for (var item : items) onSale(variants.get(item.sku()), now);
        // an early, lock-free answer once an item is sold out; taking stock when the order is placed stays the rule
        for (var item : items) {
            if (variants.get(item.sku()).stock() < item.quantity().intValue()) {
                throw outOfStock(item.sku());
            }
        }
        var shop = settings.get();
        var lines = new ArrayList<ItemRow>();
        for (var item : items) {
            var v = variants.get(item.sku());
            lines.add(new ItemRow(0, lines.size() + 1, v.productId(), v.id(), v.sku(), v.productName(), v.name(), item.quantity().intValue(),
                unitPrice(Optional.of(actor), v), "reduced".equals(v.taxRate()) ? OrderTotals.REDUCED : OrderTotals.STANDARD));
        }
        long goods = lines.stream().mapToLong(l -> (long) l.unitPrice() * l.quantity()).sum();
        var coupon = coupon(Optional.of(actor), form.couponCode(), goods, now);
        long discount = coupon.map(c -> "percent".equals(c.kind()) ? goods * c.amount() / 100 : (long) c.amount()).orElse(0L);
        long shipping = shop.freeShippingFrom() > 0 && goods - discount >= shop.freeShippingFrom() ? 0 : shop.shippingFee();
        long fee = "cod".equals(form.paymentMethod()) ? shop.codFee() : 0;
        var totals = OrderTotals.of(lines.stream().map(l -> new OrderTotals.Line((long) l.unitPrice() * l.quantity(), l.taxRate())).toList(),
            discount, shipping, fee);
        return new Priced(List.copyOf(lines), totals, address, provider, shop, coupon.map(CouponRow::id).orElse(null),
            coupon.map(CouponRow::code).orElse(null), limitedUnits(lines, variants),
            items.stream().map(i -> variants.get(i.sku()).pricedFacts()).toList());
    }

    /** Refuses (422 {@code not-on-sale-yet}) a product before its sale starts, except to members in its early-access window. */
    static void onSale(VariantRow v, OffsetDateTime now) {
        if (v.saleStartsAt() == null || !now.isBefore(v.saleStartsAt())) return;
        if (v.earlyAccessFrom() != null && !now.isBefore(v.earlyAccessFrom())) return; // every buyer is a signed-in member
        throw new RuleRefusedException("not-on-sale-yet", v.productName() + " goes on sale at " + v.saleStartsAt() + ".");
    }

    /** The coupon for {@code code}, if it applies to this cart now; each refusal is a 422 whose type names the reason. */
    Optional<CouponRow> coupon(Optional<Actor> actor, String code, long goods, OffsetDateTime now) {
        if (code == null || code.isBlank()) return Optional.empty();
        var c = coupons.findByCode(code.strip().toUpperCase(java.util.Locale.ROOT))
            .orElseThrow(() -> new RuleRefusedException("coupon-unknown", "There is no coupon with this code."));
        if (c.startsAt() != null && now.isBefore(c.startsAt())) throw new RuleRefusedException("coupon-not-yet-valid", "This coupon is not valid yet.");
        if (c.endsAt() != null && !now.isBefore(c.endsAt())) throw new RuleRefusedException("coupon-expired", "This coupon has expired.");
        if (c.membersOnly() && actor.isEmpty()) throw new RuleRefusedException("coupon-members-only", "This coupon is for members; sign in to use it.");
        if (goods < c.minSubtotal()) {
            throw new RuleRefusedException("coupon-minimum-not-met", "This coupon needs a subtotal of at least " + c.minSubtotal() + " yen.");
        }
        return Optional.of(c);
    }

    /** The order priced for the confirmation page, validated exactly as placing it would be; nothing is written. */
    public Quote quote(Actor actor, NewOrder form) {
        var priced = price(actor, form);
        return new Quote(priced.items().stream().map(i -> new Views.ItemView(i.sku(), i.productName(), i.variantName(), i.quantity(),
            i.unitPrice(), i.taxRate())).toList(), priced.totals(), priced.settings().paymentDays());
    }

    /** Signed-in members pay the member price where a variant has one. */
    static int unitPrice(Optional<Actor> actor, VariantRow v) {
        if (actor.isEmpty() || v.memberPrice() == null) return v.price();
        return Math.min(v.price(), v.memberPrice());
    }

    /** Takes what the order holds besides stock (per-member purchase counts, coupon uses); refuses when a limit is reached. */
    void hold(Actor actor, long orderId, Priced priced) {
        // always coupon row, then member rows, then stock rows (the caller): one lock order, so no deadlocks
        if (priced.couponId() != null) {
            var c = coupons.findByCode(priced.couponCode()).orElseThrow();
            if (!coupons.use(c.id())) throw new RuleRefusedException("coupon-used-up", "This coupon has been used up.");
            if (c.perMemberLimit() != null && !coupons.useBy(c.id(), actor.id().value(), c.perMemberLimit())) {
                throw new RuleRefusedException("coupon-limit-reached", "You have already used this coupon as often as it allows.");
            }
        }
        for (var limited : priced.limited().entrySet()) {
            if (!products.countPurchase(actor.id().value(), limited.getKey().productId(), limited.getValue(), limited.getKey().limit())) {
                throw limitReached(limited.getKey().limit());
            }
        }
    }

    static RuleRefusedException limitReached(int limit) {
        return new RuleRefusedException("purchase-limit-reached", "You may buy at most " + limit + " of this item, across all your orders.");
    }

    static ConflictException outOfStock(String sku) {
        return new ConflictException("out-of-stock", "Not enough stock left of " + sku + ".");
    }

    record Limited(long productId, int limit) {}

    /** Units per limited product in these lines (one product's variants count together), in product order. */
    private static Map<Limited, Integer> limitedUnits(List<ItemRow> items, Map<String, VariantRow> variants) {
        var units = new java.util.TreeMap<Limited, Integer>(java.util.Comparator.comparingLong(Limited::productId));
        for (var i : items) {
            var v = variants.get(i.sku());
            if (v != null && v.perMemberLimit() != null) units.merge(new Limited(v.productId(), v.perMemberLimit()), i.quantity(), Integer::sum);
        }
        return units;
    }

    /** Gives back what {@link #hold} took, when an order is cancelled, expires or is refunded before shipping. */
    void release(OrderRow order, List<ItemRow> items) {
        if (order.couponId() != null) coupons.giveBack(order.couponId(), order.buyerId());
        var variants = products.variantsBySku(items.stream().map(ItemRow::sku).toList());
        for (var limited : limitedUnits(items, variants).entrySet()) products.uncountPurchase(order.buyerId(), limited.getKey().productId(), limited.getValue());
    }

    private static Address address(StoreRules rules, AddressForm a) {
        if (a == null) {
            rules.add("shippingAddress", "validation.required");
            return null;
        }
        rules.text("shippingAddress.name", a.name(), 100)
            .postalCode("shippingAddress.postalCode", a.postalCode())
            .known("shippingAddress.prefecture", Prefectures.find(a.prefecture()).isPresent())
            .text("shippingAddress.city", a.city(), 100)
            .text("shippingAddress.line1", a.line1(), 200)
            .optionalText("shippingAddress.line2", a.line2(), 200)
            .phone("shippingAddress.phone", a.phone());
        if (rules.failed("shippingAddress.name") || rules.failed("shippingAddress.postalCode") || rules.failed("shippingAddress.prefecture")
            || rules.failed("shippingAddress.city") || rules.failed("shippingAddress.line1") || rules.failed("shippingAddress.line2")
            || rules.failed("shippingAddress.phone")) {
            return null;
        }
        return new Address(a.name().strip(), StoreRules.normalizePostalCode(a.postalCode()), Prefectures.find(a.prefecture()).orElseThrow().code(),
            a.city().strip(), a.line1().strip(), a.line2() == null || a.line2().isBlank() ? null : a.line2().strip(),
            StoreRules.normalizePhone(a.phone()));
    }
}
