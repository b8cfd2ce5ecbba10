package io.kizuna.store.web;

import io.kizuna.shared.Actor;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.UnauthorizedException;
import io.kizuna.store.CatalogManagement;
import io.kizuna.store.CouponManagement;
import io.kizuna.store.CouponManagement.CouponView;
import io.kizuna.store.CouponManagement.NewCoupon;
import io.kizuna.store.OrderManagement;
import io.kizuna.store.ShopManagement;
import io.kizuna.store.ShopManagement.SettingsChange;
import io.kizuna.store.Views.OrderView;
import io.kizuna.store.Views.SettingsView;
import io.kizuna.store.internal.TestCardProvider;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Staff store API: order steps, order list and CSV, stock, product activation, shop settings; the test card webhook. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Commerce (staff)")
class StoreAdminApiController {
    private final OrderManagement orders;
    private final CatalogManagement catalog;
    private final ShopManagement shop;
    private final TestCardProvider card;
    private final JsonMapper json;
    private final CouponManagement coupons;

    StoreAdminApiController(OrderManagement orders, CatalogManagement catalog, ShopManagement shop, TestCardProvider card, JsonMapper json,
                            CouponManagement coupons) {
        this.coupons = coupons;
        this.orders = orders;
        this.catalog = catalog;
        this.shop = shop;
        this.card = card;
        this.json = json;
    }

    record Shipment(String trackingNumber) {}

    record StockLevel(BigDecimal stock) {}

    record Activation(Boolean active) {}

    record CardEvent(String type, String reference) {}

    @GetMapping("/orders")
    @Operation(summary = "All orders, newest first, optionally of one status (staff)")
    Page<OrderView> all(Actor actor, @RequestParam(required = false) String status, @RequestParam(required = false) String limit,
                        @RequestParam(required = false) String cursor) {
        return orders.all(actor, status, PageRequest.of(limit, cursor));
    }

    @GetMapping(value = "/store/orders.csv", produces = "text/csv")
    @Operation(summary = "Orders as CSV (staff)")
    ResponseEntity<String> csv(Actor actor, @RequestParam(required = false) String status) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"orders.csv\"")
            .header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=UTF-8").body("\uFEFF" + orders.csv(actor, status));
    }

    @PostMapping("/orders/{id}/confirm-payment")
    @Operation(summary = "Confirm a bank transfer, konbini or cash payment (staff)")
    OrderView confirm(Actor actor, @PathVariable String id) {
        return orders.confirmPayment(actor, id);
    }

    @PostMapping("/orders/{id}/ship")
    @Operation(summary = "Mark shipped, with an optional tracking number (staff)")
    OrderView ship(Actor actor, @PathVariable String id, @RequestBody(required = false) Shipment body) {
        return orders.ship(actor, id, body == null ? null : body.trackingNumber());
    }

    @PostMapping("/orders/{id}/deliver")
    @Operation(summary = "Mark delivered (staff)")
    OrderView deliver(Actor actor, @PathVariable String id) {
        return orders.deliver(actor, id);
    }

    @PostMapping("/orders/{id}/refund")
    @Operation(summary = "Refund a paid order (staff)",
        description = "Stock returns when the order had not shipped; for a shipped or delivered order only with restock=true (the goods came back sellable)")
    OrderView refund(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "false") boolean restock) {
        return orders.refund(actor, id, restock);
    }

    @PutMapping("/store/variants/{sku}/stock")
    @Operation(summary = "Set a variant's stock (admin)")
    Map<String, Object> setStock(Actor actor, @PathVariable String sku, @RequestBody StockLevel body) {
        catalog.setStock(actor, sku, body.stock());
        return Map.of("sku", sku, "stock", body.stock());
    }

    @PutMapping("/products/{slug}/active")
    @Operation(summary = "Put a product on sale or take it off (admin)")
    Map<String, Object> setActive(Actor actor, @PathVariable String slug, @RequestBody Activation body) {
        catalog.setActive(actor, slug, body.active() == null || body.active());
        return Map.of("slug", slug, "active", body.active() == null || body.active());
    }

    @PostMapping("/store/coupons")
    @Operation(summary = "Create a coupon (admin)", description = "kind: percent or fixed; refusals at checkout are 422 with the reason in the type")
    ResponseEntity<CouponView> createCoupon(Actor actor, @RequestBody NewCoupon body) {
        return ResponseEntity.status(201).body(coupons.create(actor, body));
    }

    @GetMapping("/store/coupons")
    @Operation(summary = "All coupons with their use counts (admin)")
    Map<String, java.util.List<CouponView>> coupons(Actor actor) {
        return Map.of("items", coupons.all(actor));
    }

    @PutMapping("/store/settings")
    @Operation(summary = "Change the shop settings (owner/admin); fields left out keep their value")
    SettingsView changeSettings(Actor actor, @RequestBody SettingsChange body) {
        return shop.change(actor, body);
    }

    @PostMapping("/store/payments/test-card/webhook")
    @Operation(summary = "TEST ONLY: the test card processor reports a payment",
        description = "Body {type: payment.succeeded, reference}; header X-Kizuna-Signature: sha256=<hex HMAC-SHA256 of the body with KIZUNA_TEST_CARD_SECRET>")
    Map<String, String> cardWebhook(@RequestBody String body, @RequestHeader(name = TestCardProvider.SIGNATURE_HEADER, required = false) String signature) {
        if (!card.verify(body, signature)) throw new UnauthorizedException("The webhook signature does not match.");
        CardEvent event;
        try {
            event = json.readValue(body, CardEvent.class);
        } catch (tools.jackson.core.JacksonException e) {
            throw new io.kizuna.shared.InvalidInputException("body", "is not a card event");
        }
        if ("payment.succeeded".equals(event.type()) && event.reference() != null) orders.cardPaid(event.reference());
        return Map.of("received", "true");
    }
}
