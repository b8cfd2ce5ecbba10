package io.kizuna.store.web;

import io.kizuna.shared.Actor;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.PageRequest;
import io.kizuna.store.CatalogManagement;
import io.kizuna.store.OrderManagement;
import io.kizuna.store.ShopManagement;
import io.kizuna.store.ShopManagement.SettingsChange;
import io.kizuna.web.PageContext.Form;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Staff store pages: orders by status with their steps and CSV export, products with stock, shop settings. */
@Controller
class StoreAdminController {
    private final OrderManagement orders;
    private final CatalogManagement catalog;
    private final ShopManagement shop;

    StoreAdminController(OrderManagement orders, CatalogManagement catalog, ShopManagement shop) {
        this.orders = orders;
        this.catalog = catalog;
        this.shop = shop;
    }

    @GetMapping("/admin/store/orders")
    String orders(Actor actor, @RequestParam(defaultValue = "") String status, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("orders", orders.all(actor, status, PageRequest.of("50", cursor)));
        model.addAttribute("status", status);
        return "store/admin-orders";
    }

    @PostMapping("/admin/store/orders/{id}")
    String step(Actor actor, @PathVariable String id, @RequestParam String action, @RequestParam(defaultValue = "") String trackingNumber,
                @RequestParam(defaultValue = "") String status) {
        switch (action) {
            case "confirm" -> orders.confirmPayment(actor, id);
            case "ship" -> orders.ship(actor, id, trackingNumber);
            case "deliver" -> orders.deliver(actor, id);
            case "cancel" -> orders.cancel(actor, id);
            case "refund" -> orders.refund(actor, id, false);
            case "refund-restock" -> orders.refund(actor, id, true);
            default -> throw new InvalidInputException("action", "validation.unknownValue");
        }
        return "redirect:/admin/store/orders" + (status.isBlank() ? "" : "?status=" + status);
    }

    @GetMapping("/admin/store/products")
    String products(Actor actor, Model model) {
        model.addAttribute("products", catalog.all(actor));
        return "store/admin-products";
    }

    @PostMapping("/admin/store/stock")
    String stock(Actor actor, @RequestParam String sku, @RequestParam BigDecimal stock) {
        catalog.setStock(actor, sku, stock);
        return "redirect:/admin/store/products";
    }

    @PostMapping("/admin/store/products/{slug}/active")
    String active(Actor actor, @PathVariable String slug, @RequestParam boolean active) {
        catalog.setActive(actor, slug, active);
        return "redirect:/admin/store/products";
    }

    @GetMapping("/admin/store/settings")
    String settings(Actor actor, Model model) {
        var s = shop.forEditing(actor);
        var values = new LinkedHashMap<String, String>();
        values.put("shopName", s.shopName());
        values.put("invoiceNumber", s.invoiceNumber());
        values.put("shippingFee", Integer.toString(s.shippingFee()));
        values.put("freeShippingFrom", Integer.toString(s.freeShippingFrom()));
        values.put("codFee", Integer.toString(s.codFee()));
        values.put("paymentDays", Integer.toString(s.paymentDays()));
        values.put("legalNotice", s.legalNotice());
        model.addAttribute("form", new Form(values, Map.of()));
        model.addAttribute("saved", false);
        return "store/admin-settings";
    }

    @PostMapping("/admin/store/settings")
    String saveSettings(Actor actor, @RequestParam Map<String, String> params, HttpServletResponse response, Model model) {
        var values = new LinkedHashMap<String, String>();
        for (var f : new String[] {"shopName", "invoiceNumber", "shippingFee", "freeShippingFrom", "codFee", "paymentDays", "legalNotice"}) {
            values.put(f, params.getOrDefault(f, ""));
        }
        try {
            shop.change(actor, new SettingsChange(values.get("shopName"), values.get("invoiceNumber"), number("shippingFee", values),
                number("freeShippingFrom", values), number("codFee", values), number("paymentDays", values), values.get("legalNotice")));
            model.addAttribute("form", new Form(values, Map.of()));
            model.addAttribute("saved", true);
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("form", Form.refused(values, e));
            model.addAttribute("saved", false);
        }
        return "store/admin-settings";
    }

    private static BigDecimal number(String field, Map<String, String> values) {
        try {
            return new BigDecimal(values.get(field).strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "validation.store.wholeNumber");
        }
    }
}
