package io.kizuna.store.web;

import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.store.CatalogManagement;
import io.kizuna.store.CatalogManagement.NewProduct;
import io.kizuna.store.CatalogManagement.NewVariant;
import io.kizuna.store.Views.ProductView;
import io.kizuna.store.Views.VariantView;
import io.kizuna.web.PageContext.Form;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff product form: a new product, or an existing one's text, tax rate, visibility, images, drop rules and
 * variants. The page posts flat fields ({@code v0.sku}, {@code v0.price}, …); blank variant rows are ignored, and the
 * service's errors on {@code variants[i]} are shown on the row they came from.
 */
@Controller
class ProductAdminController {
    /** Empty variant rows offered below the existing ones. */
    static final int SPARE_ROWS = 3;
    private static final String[] FIELDS = {"slug", "name", "description", "category", "taxRate", "visibility", "images",
        "saleStartsAt", "earlyAccessFrom", "perMemberLimit"};
    private static final String[] VARIANT_FIELDS = {"sku", "name", "price", "memberPrice", "stock"};
    private static final Pattern VARIANT_ERROR = Pattern.compile("variants\\[(\\d+)]\\.?(.*)");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final CatalogManagement catalog;

    ProductAdminController(CatalogManagement catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/admin/store/products/new")
    String newProduct(Actor actor, Model model) {
        catalog.requireCatalogManager(actor);
        var values = new LinkedHashMap<String, String>();
        values.put("taxRate", "standard");
        values.put("visibility", "public");
        values.put("active", "true");
        return form(model, new Form(values, Map.of()), null, SPARE_ROWS);
    }

    @PostMapping("/admin/store/products/new")
    String create(Actor actor, @RequestParam Map<String, String> params, HttpServletResponse response, Model model) {
        var rows = rowCount(params, 0);
        var sent = Sent.of(params, rows);
        try {
            var product = catalog.create(actor, sent.product(params.getOrDefault("slug", "")));
            return "redirect:/admin/store/products/" + product.slug() + "/edit?saved";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return form(model, sent.refused(e), null, rows);
        } catch (ConflictException e) {
            response.setStatus(409);
            return form(model, Form.error(sent.values(), e.slug().equals("slug-taken") ? "slug" : "variants",
                "validation.store." + (e.slug().equals("slug-taken") ? "slugTaken" : "skuTaken")), null, rows);
        }
    }

    @GetMapping("/admin/store/products/{slug}/edit")
    String edit(Actor actor, @PathVariable String slug, @RequestParam(required = false) String saved, Model model) {
        var product = catalog.forEditing(actor, slug);
        model.addAttribute("saved", saved != null);
        return form(model, new Form(valuesOf(product), Map.of()), product, product.variants().size() + SPARE_ROWS);
    }

    @PostMapping("/admin/store/products/{slug}/edit")
    String update(Actor actor, @PathVariable String slug, @RequestParam Map<String, String> params, HttpServletResponse response, Model model) {
        var product = catalog.forEditing(actor, slug);
        var rows = rowCount(params, product.variants().size());
        var sent = Sent.of(params, rows);
        try {
            catalog.update(actor, slug, sent.product(slug));
            return "redirect:/admin/store/products/" + slug + "/edit?saved";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return form(model, sent.refused(e), product, rows);
        } catch (RuleRefusedException e) {
            response.setStatus(422);
            return form(model, Form.error(sent.values(), "variants", "validation.store.variantKept"), product, rows);
        } catch (ConflictException e) {
            response.setStatus(409);
            return form(model, Form.error(sent.values(), "variants", "validation.store.skuTaken"), product, rows);
        }
    }

    private static String form(Model model, Form form, ProductView product, int rows) {
        model.addAttribute("form", form);
        model.addAttribute("product", product);
        model.addAttribute("rows", rows);
        if (!model.containsAttribute("saved")) model.addAttribute("saved", false);
        return "store/admin-product";
    }

    /** How many variant rows the page had (the hidden {@code rows} field), within sane bounds. */
    private static int rowCount(Map<String, String> params, int existing) {
        int rows;
        try {
            rows = Integer.parseInt(params.getOrDefault("rows", "0").strip());
        } catch (NumberFormatException e) {
            rows = 0;
        }
        return Math.clamp(rows, existing + 1, 60);
    }

    private static Map<String, String> valuesOf(ProductView p) {
        var values = new LinkedHashMap<String, String>();
        values.put("slug", p.slug());
        values.put("name", p.name());
        values.put("description", p.description());
        values.put("category", p.category());
        values.put("taxRate", p.taxRate());
        values.put("visibility", p.visibility());
        values.put("active", Boolean.toString(p.active()));
        values.put("images", String.join("\n", p.images()));
        values.put("saleStartsAt", local(p.saleStartsAt()));
        values.put("earlyAccessFrom", local(p.earlyAccessFrom()));
        values.put("perMemberLimit", p.perMemberLimit() == null ? "" : p.perMemberLimit().toString());
        List<VariantView> variants = p.variants();
        for (int i = 0; i < variants.size(); i++) {
            var v = variants.get(i);
            values.put("v" + i + ".sku", v.sku());
            values.put("v" + i + ".name", v.name());
            values.put("v" + i + ".price", Integer.toString(v.price()));
            values.put("v" + i + ".memberPrice", v.memberPrice() == null ? "" : v.memberPrice().toString());
        }
        return values;
    }

    private static String local(OffsetDateTime at) {
        return at == null ? "" : LOCAL.format(at.atZoneSameInstant(JAPAN));
    }

    /** What the page sent: the values to show again, and which page row each submitted variant came from. */
    private record Sent(Map<String, String> values, List<Integer> rowOfVariant, List<NewVariant> variants) {
        static Sent of(Map<String, String> params, int rows) {
            var values = new LinkedHashMap<String, String>();
            for (var f : FIELDS) values.put(f, params.getOrDefault(f, ""));
            values.put("active", Boolean.toString(params.containsKey("active")));
            var rowOf = new ArrayList<Integer>();
            var variants = new ArrayList<NewVariant>();
            for (int row = 0; row < rows; row++) {
                boolean blank = true;
                for (var f : VARIANT_FIELDS) {
                    String v = params.getOrDefault("v" + row + "." + f, "").strip();
                    values.put("v" + row + "." + f, v);
                    blank &= v.isEmpty();
                }
                if (blank) continue;
                rowOf.add(row);
                variants.add(new NewVariant(values.get("v" + row + ".sku"), values.get("v" + row + ".name"),
                    number(values.get("v" + row + ".price")), number(values.get("v" + row + ".memberPrice")),
                    number(values.get("v" + row + ".stock"))));
            }
            return new Sent(values, rowOf, variants);
        }

        NewProduct product(String slug) {
            var images = values.get("images").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return new NewProduct(slug, values.get("name"), values.get("description"), values.get("category"), values.get("taxRate"),
                values.get("visibility"), images, Boolean.parseBoolean(values.get("active")), variants, values.get("saleStartsAt"),
                values.get("earlyAccessFrom"), number(values.get("perMemberLimit")));
        }

        /** The service's field errors moved onto the page's fields ({@code variants[2].price} → {@code v4.price}). */
        Form refused(InvalidInputException e) {
            var errors = new LinkedHashMap<String, String>();
            e.problems().forEach(p -> errors.putIfAbsent(pageField(p.field()), p.message()));
            return new Form(values, errors);
        }

        private String pageField(String field) {
            if (field.startsWith("images")) return "images";
            Matcher m = VARIANT_ERROR.matcher(field);
            if (!m.matches()) return field;
            int index = Integer.parseInt(m.group(1));
            if (index >= rowOfVariant.size()) return "variants";
            return m.group(2).isEmpty() ? "v" + rowOfVariant.get(index) + ".sku" : "v" + rowOfVariant.get(index) + "." + m.group(2);
        }

        /** A number as typed, or a value the service refuses as not whole (so the refusal names the field). */
        private static BigDecimal number(String text) {
            if (text == null || text.isBlank()) return null;
            try {
                return new BigDecimal(text.strip().replace(",", ""));
            } catch (NumberFormatException e) {
                return new BigDecimal("0.5");
            }
        }
    }
}
