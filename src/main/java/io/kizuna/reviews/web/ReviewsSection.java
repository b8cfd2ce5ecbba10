package io.kizuna.reviews.web;

import gg.jte.Content;
import io.kizuna.reviews.ReviewManagement;
import io.kizuna.reviews.Views.ReviewPage;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.PageRequest;
import io.kizuna.store.ProductPageSection;
import io.kizuna.store.Views.ProductView;
import io.kizuna.web.Fragments;
import io.kizuna.web.PageContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Reviews on the product page: the rating summary and histogram, sort and filters, ten reviews at a time, the write
 * (or edit) form, helpful buttons, the brand's replies; and schema.org AggregateRating and Review for the JSON-LD.
 * Its query parameters are prefixed ({@code rsort}, {@code rstars}, {@code rphotos}, {@code rcursor}).
 */
@Component
class ReviewsSection implements ProductPageSection {
    static final String PAGE_SIZE = "10";
    private final ReviewManagement reviews;
    private final Fragments fragments;

    ReviewsSection(ReviewManagement reviews, Fragments fragments) {
        this.reviews = reviews;
        this.fragments = fragments;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Content render(ProductView product, PageContext page, Map<String, String> query) {
        if (page.actor() != null || !linkedFromThePage(query)) return fragments.of("reviews/section", params(product, page, query));
        // visitors (shoppers, crawlers) all get the same section for a product, language and filter: render it once
        String what = page.lang() + ":" + query.get("rsort") + ":" + query.get("rstars") + ":" + query.get("rphotos");
        return Fragments.html(reviews.sharedWithVisitors(Long.parseLong(product.id()), what,
            () -> fragments.render("reviews/section", params(product, page, query))));
    }

    /** First pages of the sorts and filters the page offers; anything else (later pages, hand-made links) is not kept. */
    private static boolean linkedFromThePage(Map<String, String> query) {
        return query.get("rcursor") == null && SORTS.contains(query.getOrDefault("rsort", "newest"))
            && FILTERS.contains(query.getOrDefault("rstars", "")) && List.of("true", "false").contains(query.getOrDefault("rphotos", "false"));
    }

    private static final Set<String> SORTS = Set.of("newest", "helpful", "rating");
    private static final Set<String> FILTERS = Set.of("", "1", "2", "3", "4", "5");

    private Map<String, Object> params(ProductView product, PageContext page, Map<String, String> query) {
        var actor = Optional.ofNullable(page.actor());
        String sort = query.getOrDefault("rsort", "newest");
        String stars = query.getOrDefault("rstars", "");
        boolean photos = "true".equals(query.get("rphotos"));
        ReviewPage list;
        try {
            list = reviews.forProduct(actor, product, sort, stars, Boolean.toString(photos), PageRequest.of(PAGE_SIZE, query.get("rcursor")));
        } catch (InvalidInputException e) {
            // a hand-edited link: show the default list rather than a broken product page
            sort = "newest";
            stars = "";
            photos = false;
            list = reviews.forProduct(actor, product, null, null, null, PageRequest.of(PAGE_SIZE, null));
        }
        Set<String> voted = actor.isPresent() ? reviews.votedByMe(actor.get(), list.items()) : Set.of();
        var params = new HashMap<String, Object>();
        params.put("page", page);
        params.put("product", product);
        params.put("reviews", list);
        params.put("voted", voted);
        params.put("sort", sort);
        params.put("stars", stars);
        params.put("withPhotos", photos);
        params.put("more", list.nextCursor() == null ? null : moreLink(product, sort, stars, photos, list.nextCursor()));
        return params;
    }

    private static String moreLink(ProductView product, String sort, String stars, boolean photos, String cursor) {
        return "/store/" + product.slug() + "?rsort=" + sort + (stars.isEmpty() ? "" : "&rstars=" + stars) + (photos ? "&rphotos=true" : "")
            + "&rcursor=" + cursor + "#reviews";
    }

    @Override
    public Map<String, Object> productJsonLd(ProductView product) {
        var list = reviews.forProduct(Optional.empty(), product, null, null, null, PageRequest.of("5", null));
        var summary = list.summary();
        if (summary.count() == 0) return Map.of();
        var ld = new LinkedHashMap<String, Object>();
        ld.put("aggregateRating", Map.of("@type", "AggregateRating", "ratingValue", summary.average(), "reviewCount", summary.count(),
            "bestRating", 5, "worstRating", 1));
        ld.put("review", list.items().stream().map(r -> {
            var review = new LinkedHashMap<String, Object>();
            review.put("@type", "Review");
            review.put("author", Map.of("@type", "Person", "name", r.author().displayName() == null ? "—" : r.author().displayName()));
            review.put("datePublished", r.createdAt().toLocalDate().toString());
            review.put("reviewRating", Map.of("@type", "Rating", "ratingValue", r.rating(), "bestRating", 5, "worstRating", 1));
            if (!r.title().isEmpty()) review.put("name", r.title());
            review.put("reviewBody", r.body());
            return review;
        }).toList());
        return ld;
    }

    /** Stars as text, for the list and the summary: ★★★★☆. */
    static String stars(int rating) {
        return "★".repeat(rating) + "☆".repeat(5 - rating);
    }

    static final List<Integer> STARS = List.of(5, 4, 3, 2, 1);
}
