package io.kizuna.store.web;

import io.kizuna.shared.Actor;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.store.CatalogManagement;
import io.kizuna.store.CatalogManagement.NewProduct;
import io.kizuna.store.OrderManagement;
import io.kizuna.store.OrderManagement.NewOrder;
import io.kizuna.store.ShopManagement;
import io.kizuna.store.Views.OrderView;
import io.kizuna.store.Views.ProductView;
import io.kizuna.store.Views.SettingsView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Optional;
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

/** The commerce API of API.md: products, orders, the caller's orders, cancelling; and the public shop settings. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Commerce")
class StoreApiController {
    private final CatalogManagement catalog;
    private final OrderManagement orders;
    private final ShopManagement shop;

    StoreApiController(CatalogManagement catalog, OrderManagement orders, ShopManagement shop) {
        this.catalog = catalog;
        this.orders = orders;
        this.shop = shop;
    }

    @PostMapping("/products")
    @Operation(summary = "Create a product with variants (admin)",
        description = "taxRate: standard (10%) or reduced (8%); visibility: public or members; prices tax-included JPY integers")
    ResponseEntity<ProductView> createProduct(Actor actor, @RequestBody NewProduct body) {
        var product = catalog.create(actor, body);
        return ResponseEntity.created(URI.create("/api/v1/products/" + product.slug())).body(product);
    }

    @PutMapping("/products/{slug}")
    @Operation(summary = "Change a product (admin)",
        description = "The same body as creating one; the slug stays. Variants are matched by SKU: listed ones take the new name and "
            + "prices (stock only when given), new SKUs are added (stock required); leaving out an existing variant is refused with 422 "
            + "(set its stock to 0 instead)")
    ProductView updateProduct(Actor actor, @PathVariable String slug, @RequestBody NewProduct body) {
        return catalog.update(actor, slug, body);
    }

    @GetMapping("/products")
    @Operation(summary = "Active products the caller may see", description = "sort: newest (default) or price; members-only products only for members")
    Page<ProductView> products(Optional<Actor> actor, @RequestParam(required = false) String category,
                               @RequestParam(required = false) String sort, @RequestParam(required = false) String limit,
                               @RequestParam(required = false) String cursor) {
        return catalog.list(actor, category, sort, PageRequest.of(limit, cursor));
    }

    @GetMapping("/products/{slug}")
    @Operation(summary = "One product (404 when the caller may not see it)")
    ProductView product(Optional<Actor> actor, @PathVariable String slug) {
        return catalog.view(actor, slug);
    }

    @PostMapping("/orders")
    @Operation(summary = "Place an order", description = "paymentMethod: bank_transfer, konbini, cod, card. Prices come from the catalog. "
        + "409 out-of-stock when stock is short; 400 with field errors for bad input (an unknown or inactive SKU included). "
        + "With Idempotency-Key a repeat of the same body returns the first answer; another body with the same key is 422.")
    ResponseEntity<OrderView> placeOrder(Actor actor, @RequestBody NewOrder body,
                                         @Parameter(description = "makes retries safe") @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        var placed = orders.place(actor, body, key);
        return ResponseEntity.status(placed.status()).location(URI.create("/api/v1/orders/" + placed.order().id())).body(placed.order());
    }

    @GetMapping("/orders/{id}")
    @Operation(summary = "One order (its buyer or staff; 404 for anyone else)")
    OrderView order(Actor actor, @PathVariable String id) {
        return orders.view(actor, id);
    }

    @GetMapping("/me/orders")
    @Operation(summary = "The caller's orders, newest first")
    Page<OrderView> myOrders(Actor actor, @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        return orders.mine(actor, PageRequest.of(limit, cursor));
    }

    @PostMapping("/orders/{id}/cancel")
    @Operation(summary = "Cancel an order (its buyer before it ships, or staff); stock returns")
    OrderView cancel(Actor actor, @PathVariable String id) {
        return orders.cancel(actor, id);
    }

    @GetMapping("/store/settings")
    @Operation(summary = "The shop's public settings: name, invoice registration number, shipping, fees, payment days, 特定商取引法 text")
    SettingsView settings() {
        return shop.settings();
    }
}
