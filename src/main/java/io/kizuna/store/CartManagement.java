package io.kizuna.store;

import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.store.OrderManagement.NewItem;
import io.kizuna.store.internal.Carts;
import io.kizuna.store.internal.Carts.CartRow;
import io.kizuna.store.internal.Products;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carts: a member's is keyed by their id; a visitor's by a random cookie, and it is merged into the member's cart
 * the first time the visitor is seen signed in. A cart holds no stock: stock is taken only when an order is placed.
 */
@Service
public class CartManagement {
    /** A cart line priced for the viewer (members pay the member price). */
    public record CartLine(String sku, String productName, String variantName, String slug, int unitPrice, int quantity, int stock,
                           boolean reduced) {
        public int amount() {
            return unitPrice * quantity;
        }
    }

    public record CartView(List<CartLine> lines) {
        public int subtotal() {
            return lines.stream().mapToInt(CartLine::amount).sum();
        }

        public int count() {
            return lines.stream().mapToInt(CartLine::quantity).sum();
        }

        public boolean isEmpty() {
            return lines.isEmpty();
        }

        /** The cart as order items. */
        public List<NewItem> items() {
            return lines.stream().map(l -> new NewItem(l.sku(), BigDecimal.valueOf(l.quantity()))).toList();
        }
    }

    private final Carts carts;
    private final Products products;
    private final StorePolicy policy;

    CartManagement(Carts carts, Products products, StorePolicy policy) {
        this.carts = carts;
        this.products = products;
        this.policy = policy;
    }

    /** The cart's key; a signed-in member's visitor cart (from {@code cookie}) is merged into theirs first. */
    @Transactional
    public String key(Optional<Actor> actor, String cookie) {
        String visitor = cookie == null || !cookie.matches("[A-Za-z0-9_-]{20,64}") ? null : "c:" + cookie;
        if (actor.isEmpty()) return visitor;
        String member = "u:" + actor.get().id();
        if (visitor != null) carts.merge(visitor, member);
        return member;
    }

    public CartView view(Optional<Actor> actor, String key) {
        if (key == null) return new CartView(List.of());
        return new CartView(carts.items(key).stream().map(r -> line(actor, r)).toList());
    }

    @Transactional
    public void add(Optional<Actor> actor, String key, String sku, BigDecimal quantity) {
        io.kizuna.store.internal.StoreRules.check().whole("quantity", quantity, 1, Checkout.MAX_QUANTITY, true).orThrow();
        var v = products.variantsBySku(List.of(sku == null ? "" : sku)).get(sku);
        if (v == null || !policy.canSeeProduct(actor, v.visibility(), v.active())) throw new InvalidInputException("sku", "validation.store.unknownSku");
        carts.add(key, v.id(), quantity.intValue());
    }

    @Transactional
    public void set(String key, String sku, BigDecimal quantity) {
        io.kizuna.store.internal.StoreRules.check().whole("quantity", quantity, 0, Checkout.MAX_QUANTITY, true).orThrow();
        carts.set(key, sku, quantity.intValue());
    }

    @Transactional
    public void clear(String key) {
        carts.clear(key);
    }

    @Scheduled(cron = "0 17 3 * * *")
    void sweep() {
        carts.sweep();
    }

    private static CartLine line(Optional<Actor> actor, CartRow r) {
        int price = actor.isPresent() && r.memberPrice() != null ? Math.min(r.price(), r.memberPrice()) : r.price();
        return new CartLine(r.sku(), r.productName(), r.variantName(), r.slug(), price, r.quantity(), r.stock(), "reduced".equals(r.taxRate()));
    }
}
