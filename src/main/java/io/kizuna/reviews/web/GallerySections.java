package io.kizuna.reviews.web;

import gg.jte.Content;
import io.kizuna.reviews.GalleryManagement;
import io.kizuna.store.ProductPageSection;
import io.kizuna.store.Views.ProductView;
import io.kizuna.web.Fragments;
import io.kizuna.web.HomeSection;
import io.kizuna.web.PageContext;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Featured gallery photos: those tagged with the product on its page, and the latest of all on the home page. */
@Component
class GallerySections implements ProductPageSection, HomeSection {
    private final GalleryManagement gallery;
    private final Fragments fragments;

    GallerySections(GalleryManagement gallery, Fragments fragments) {
        this.gallery = gallery;
        this.fragments = fragments;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Content render(ProductView product, PageContext page, Map<String, String> query) {
        return grid(page, gallery.featured(Long.parseLong(product.id()), 6), "/gallery?product=" + product.slug());
    }

    @Override
    public Content render(PageContext page) {
        return grid(page, gallery.featured(null, 8), "/gallery?featured=true");
    }

    private Content grid(PageContext page, java.util.List<io.kizuna.reviews.Views.GalleryPostView> posts, String more) {
        var params = new HashMap<String, Object>();
        params.put("page", page);
        params.put("posts", posts);
        params.put("more", more);
        return fragments.of("reviews/gallery-section", params);
    }
}
