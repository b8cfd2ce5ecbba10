package io.kizuna.store.web;

import io.kizuna.platform.PublicUrls;
import io.kizuna.store.ProductPageSection;
import io.kizuna.store.Views.ProductView;
import io.kizuna.store.Views.VariantView;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The product page's other modules' sections, and its schema.org {@code Product} JSON-LD (offers from the catalog,
 * ratings and reviews from the sections), written so that it cannot close its {@code <script>} element.
 */
@Component
class ProductJsonLd {
    private final List<ProductPageSection> sections;
    private final JsonMapper json;
    private final PublicUrls urls;

    ProductJsonLd(List<ProductPageSection> sections, JsonMapper json, PublicUrls urls) {
        this.sections = sections.stream().sorted(Comparator.comparingInt(ProductPageSection::order)).toList();
        this.json = json;
        this.urls = urls;
    }

    List<ProductPageSection> sections() {
        return sections;
    }

    String of(ProductView product) {
        var ld = new LinkedHashMap<String, Object>();
        ld.put("@context", "https://schema.org");
        ld.put("@type", "Product");
        ld.put("name", product.name());
        if (!product.description().isEmpty()) ld.put("description", product.description());
        if (!product.images().isEmpty()) ld.put("image", product.images().stream().map(urls::of).toList());
        ld.put("sku", product.variants().isEmpty() ? product.slug() : product.variants().getFirst().sku());
        ld.put("url", urls.of("/store/" + product.slug()));
        ld.put("offers", product.variants().stream().map(v -> offer(product, v)).toList());
        for (var s : sections) ld.putAll(s.productJsonLd(product));
        // "</" and "<!--" inside a script element would end it or start a comment: escape every '<'
        return json.writeValueAsString(ld).replace("<", "\\u003c");
    }

    private Map<String, Object> offer(ProductView product, VariantView v) {
        var o = new LinkedHashMap<String, Object>();
        o.put("@type", "Offer");
        o.put("sku", v.sku());
        o.put("name", v.name());
        o.put("price", v.price());
        o.put("priceCurrency", "JPY");
        o.put("availability", v.inStock() ? "https://schema.org/InStock" : "https://schema.org/OutOfStock");
        o.put("url", urls.of("/store/" + product.slug()));
        return o;
    }
}
