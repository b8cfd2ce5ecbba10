package io.kizuna.store;

import gg.jte.Content;
import io.kizuna.store.Views.ProductView;
import io.kizuna.web.PageContext;
import java.util.Map;

/**
 * Something another module shows on a product page (reviews, questions, photos), so the store never depends on it.
 * Sections are rendered below the product in {@link #order()}.
 */
public interface ProductPageSection {
    int order();

    /**
     * The section for this request (the viewer is {@code page.actor()}); {@code params} are the product page's query
     * parameters (sorting, filters and cursors that the section's own links set).
     */
    Content render(ProductView product, PageContext page, Map<String, String> params);

    /** Properties the section adds to the page's schema.org {@code Product} JSON-LD (the same for every viewer). */
    default Map<String, Object> productJsonLd(ProductView product) {
        return Map.of();
    }
}
