package io.kizuna.store.web;

import io.kizuna.shared.Actor;
import io.kizuna.shared.DomainException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.PageRequest;
import io.kizuna.store.CartManagement;
import io.kizuna.store.CatalogManagement;
import io.kizuna.store.Checkout;
import io.kizuna.store.OrderManagement;
import io.kizuna.store.OrderManagement.AddressForm;
import io.kizuna.store.OrderManagement.NewOrder;
import io.kizuna.store.ShopManagement;
import io.kizuna.web.PageContext.Form;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Store pages: the store front, product pages, the cart (kept for visitors by a cookie, merged at sign-in), checkout
 * with the 特定商取引法 final confirmation step, the member's orders, printable qualified-invoice receipts, and the
 * 特定商取引法に基づく表記 page.
 */
@Controller
class StoreController {
    static final String CART_COOKIE = "kizuna_cart";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String[] ADDRESS_FIELDS = {"name", "postalCode", "prefecture", "city", "line1", "line2", "phone", "paymentMethod", "couponCode"};

    private final CatalogManagement catalog;
    private final CartManagement carts;
    private final OrderManagement orders;
    private final Checkout checkout;
    private final ShopManagement shop;
    private final boolean secureCookies;
    private final ProductJsonLd productJsonLd;

    StoreController(CatalogManagement catalog, CartManagement carts, OrderManagement orders, Checkout checkout, ShopManagement shop,
                    @org.springframework.beans.factory.annotation.Value("${kizuna.cookies.secure:true}") boolean secureCookies,
                    ProductJsonLd productJsonLd) {
        this.productJsonLd = productJsonLd;
        this.secureCookies = secureCookies;
        this.catalog = catalog;
        this.carts = carts;
        this.orders = orders;
        this.checkout = checkout;
        this.shop = shop;
    }

    @GetMapping("/store")
    String front(Optional<Actor> actor, @RequestParam(required = false) String category, @RequestParam(required = false) String sort,
                 @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("products", catalog.list(actor, category, sort, PageRequest.of("24", cursor)));
        model.addAttribute("categories", catalog.categories());
        model.addAttribute("category", category == null ? "" : category);
        model.addAttribute("sort", sort == null ? "newest" : sort);
        return "store/front";
    }

    @GetMapping("/store/{slug}")
    String product(Optional<Actor> actor, @PathVariable String slug, @RequestParam Map<String, String> params, Model model) {
        var product = catalog.view(actor, slug);
        model.addAttribute("product", product);
        model.addAttribute("now", OffsetDateTime.now());
        model.addAttribute("sections", productJsonLd.sections());
        model.addAttribute("query", params);
        model.addAttribute("jsonLd", productJsonLd.of(product));
        return "store/product";
    }

    @PostMapping("/cart")
    String add(Optional<Actor> actor, @RequestParam String sku, @RequestParam(defaultValue = "1") BigDecimal quantity,
               HttpServletRequest request, HttpServletResponse response) {
        carts.add(actor, cartKey(actor, request, response, true), sku, quantity);
        return "redirect:/cart";
    }

    @PostMapping("/cart/update")
    String update(Optional<Actor> actor, @RequestParam String sku, @RequestParam BigDecimal quantity, HttpServletRequest request,
                  HttpServletResponse response) {
        String key = cartKey(actor, request, response, false);
        if (key != null) carts.set(key, sku, quantity);
        return "redirect:/cart";
    }

    @GetMapping("/cart")
    String cart(Optional<Actor> actor, HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("cart", carts.view(actor, cartKey(actor, request, response, false)));
        model.addAttribute("settings", shop.settings());
        return "store/cart";
    }

    @GetMapping("/checkout")
    String checkoutForm(Actor actor, HttpServletRequest request, HttpServletResponse response, Model model) {
        var cart = carts.view(Optional.of(actor), cartKey(Optional.of(actor), request, response, false));
        if (cart.isEmpty()) return "redirect:/cart";
        return checkoutPage(model, cart, new Form(Map.of("paymentMethod", "bank_transfer"), Map.of()), null);
    }

    @PostMapping("/checkout/confirm")
    String confirm(Actor actor, HttpServletRequest request, HttpServletResponse response, Model model) {
        var cart = carts.view(Optional.of(actor), cartKey(Optional.of(actor), request, response, false));
        if (cart.isEmpty()) return "redirect:/cart";
        var values = values(request);
        try {
            model.addAttribute("quote", checkout.quote(actor, order(values, cart)));
            model.addAttribute("values", values);
            model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
            return "store/confirm";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return checkoutPage(model, cart, Form.refused(values, rename(e)), null);
        } catch (DomainException e) {
            response.setStatus(e.status());
            return checkoutPage(model, cart, new Form(values, Map.of()), e.slug());
        }
    }

    @PostMapping("/checkout/place")
    String place(Actor actor, @RequestParam String idempotencyKey, HttpServletRequest request, HttpServletResponse response, Model model) {
        String key = cartKey(Optional.of(actor), request, response, false);
        var cart = carts.view(Optional.of(actor), key);
        var values = values(request);
        if (cart.isEmpty()) return "redirect:/cart";
        try {
            var placed = orders.place(actor, order(values, cart), idempotencyKey);
            carts.clear(key);
            return "redirect:/orders/" + placed.order().id() + "?placed";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return checkoutPage(model, cart, Form.refused(values, rename(e)), null);
        } catch (DomainException e) {
            response.setStatus(e.status());
            return checkoutPage(model, cart, new Form(values, Map.of()), e.slug());
        }
    }

    @GetMapping("/orders")
    String myOrders(Actor actor, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("orders", orders.mine(actor, PageRequest.of("30", cursor)));
        return "store/orders";
    }

    @GetMapping("/orders/{id}")
    String order(Actor actor, @PathVariable String id, @RequestParam(required = false) String placed, Model model) {
        model.addAttribute("order", orders.view(actor, id));
        model.addAttribute("placed", placed != null);
        return "store/order";
    }

    @PostMapping("/orders/{id}/cancel")
    String cancel(Actor actor, @PathVariable String id) {
        orders.cancel(actor, id);
        return "redirect:/orders/" + orders.view(actor, id).id();
    }

    @GetMapping("/orders/{id}/receipt")
    String receipt(Actor actor, @PathVariable String id, Model model) {
        model.addAttribute("order", orders.view(actor, id));
        model.addAttribute("settings", shop.settings());
        return "store/receipt";
    }

    @GetMapping("/legal/tokushoho")
    String legal(Model model) {
        model.addAttribute("settings", shop.settings());
        return "store/legal";
    }

    private String checkoutPage(Model model, CartManagement.CartView cart, Form form, String refusal) {
        model.addAttribute("cart", cart);
        model.addAttribute("form", form);
        model.addAttribute("refusal", refusal);
        model.addAttribute("settings", shop.settings());
        return "store/checkout";
    }

    private static Map<String, String> values(HttpServletRequest request) {
        var values = new LinkedHashMap<String, String>();
        for (var f : ADDRESS_FIELDS) {
            String v = request.getParameter(f);
            values.put(f, v == null ? "" : v);
        }
        return values;
    }

    private static NewOrder order(Map<String, String> v, CartManagement.CartView cart) {
        return new NewOrder(cart.items(), v.get("paymentMethod"), new AddressForm(v.get("name"), v.get("postalCode"), v.get("prefecture"),
            v.get("city"), v.get("line1"), v.get("line2"), v.get("phone")), v.get("couponCode").isBlank() ? null : v.get("couponCode"));
    }

    /** API field names ({@code shippingAddress.city}) to the form's ({@code city}). */
    private static InvalidInputException rename(InvalidInputException e) {
        return new InvalidInputException(e.problems().stream()
            .map(p -> new InvalidInputException.FieldProblem(p.field().replace("shippingAddress.", ""), p.message())).toList());
    }

    /** The cart key of this browser: the member's, or the visitor cookie's (created when {@code create}). */
    static String cartKey(Optional<Actor> actor, HttpServletRequest request, HttpServletResponse response, boolean create,
                          CartManagement carts, boolean secure) {
        String cookie = null;
        if (request.getCookies() != null) {
            for (var c : request.getCookies()) if (CART_COOKIE.equals(c.getName())) cookie = c.getValue();
        }
        if (actor.isPresent() && cookie != null) response.addCookie(cookie(null, 0, secure));
        if (actor.isEmpty() && cookie == null && create) {
            var bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            response.addCookie(cookie(cookie, 60 * 60 * 24 * 30, secure));
        }
        return carts.key(actor, cookie);
    }

    private String cartKey(Optional<Actor> actor, HttpServletRequest request, HttpServletResponse response, boolean create) {
        return cartKey(actor, request, response, create, carts, secureCookies);
    }

    /** The visitor's cart cookie: like the session cookie, Secure unless {@code KIZUNA_COOKIE_SECURE=false}. */
    private static Cookie cookie(String value, int maxAge, boolean secure) {
        var c = new Cookie(CART_COOKIE, value == null ? "" : value);
        c.setPath("/");
        c.setHttpOnly(true);
        c.setSecure(secure);
        c.setMaxAge(maxAge);
        c.setAttribute("SameSite", "Lax");
        return c;
    }
}
