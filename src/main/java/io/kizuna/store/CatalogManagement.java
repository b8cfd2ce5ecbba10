package io.kizuna.store;

import io.kizuna.platform.ReadCache;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.store.Views.ProductView;
import io.kizuna.store.internal.Products;
import io.kizuna.store.internal.Products.NewVariantRow;
import io.kizuna.store.internal.StoreRules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalog: admins create products with variants and stock; everyone browses what they may see. */
@Service
public class CatalogManagement {
    /** A new product; prices are tax-included JPY; {@code images} are {@code /media/{id}} URLs of uploaded images. */
    public record NewProduct(String slug, String name, String description, String category, String taxRate, String visibility,
                             List<String> images, Boolean active, List<NewVariant> variants, String saleStartsAt,
                             String earlyAccessFrom, BigDecimal perMemberLimit) {
        public NewProduct(String slug, String name, String description, String category, String taxRate, String visibility,
                          List<String> images, Boolean active, List<NewVariant> variants) {
            this(slug, name, description, category, taxRate, visibility, images, active, variants, null, null, null);
        }
    }

    /** {@code memberPrice} is optional: what signed-in members pay instead of {@code price}. */
    public record NewVariant(String sku, String name, BigDecimal price, BigDecimal memberPrice, BigDecimal stock) {}

    public static final Set<String> TAX_RATES = Set.of("standard", "reduced");
    public static final Set<String> VISIBILITIES = Set.of("public", "members");
    public static final int MAX_PRICE = 10_000_000;
    public static final int MAX_STOCK = 10_000_000;

    private final Products products;
    private final StorePolicy policy;

    private final ReadCache cache;

    CatalogManagement(Products products, StorePolicy policy, ReadCache cache) {
        this.products = products;
        this.policy = policy;
        this.cache = cache;
    }

    @Transactional
    public ProductView create(Actor actor, NewProduct form) {
        requireCatalogManager(actor);
        var rules = StoreRules.check();
        var drop = drop(rules, form);
        var variants = validate(rules, form, Set.of());
        String category = form.category() == null ? "" : form.category().strip();
        long id = products.insert(form.slug(), form.name().strip(), form.description() == null ? "" : form.description().strip(), category,
                form.taxRate(), form.visibility(), form.images() == null ? List.of() : form.images(), form.active() == null || form.active(),
                drop, actor.id().value())
            .orElseThrow(() -> new ConflictException("slug-taken", "A product with this slug exists."));
        if (!products.insertVariants(id, variants, 0)) throw new ConflictException("sku-taken", "A variant with one of these SKUs exists.");
        cache.changed(ReadCache.CATALOG, 0);
        return products.findBySlug(form.slug()).orElseThrow();
    }

    /**
     * Changes a product in place; its slug stays (links, carts and orders point at it, so {@code form.slug()} is ignored).
     * Variants are matched by SKU: listed ones take the new name and prices, unknown SKUs are added (their stock is
     * required). A variant's stock changes only when the form gives one, so an edit made from an older page does not
     * overwrite units sold meanwhile. A variant cannot be removed (orders refer to it): 422, set its stock to 0 instead.
     */
    @Transactional
    public ProductView update(Actor actor, String slug, NewProduct form) {
        requireCatalogManager(actor);
        var current = products.findBySlug(slug == null ? "" : slug).orElseThrow(() -> new NotFoundException("No such product."));
        var fixed = new NewProduct(current.slug(), form.name(), form.description(), form.category(), form.taxRate(), form.visibility(),
            form.images(), form.active(), form.variants(), form.saleStartsAt(), form.earlyAccessFrom(), form.perMemberLimit());
        var existingSkus = new HashSet<String>();
        current.variants().forEach(v -> existingSkus.add(v.sku()));
        var rules = StoreRules.check();
        var drop = drop(rules, fixed);
        var variants = validate(rules, fixed, existingSkus);
        var listed = new HashSet<String>();
        variants.forEach(v -> listed.add(v.sku()));
        if (!listed.containsAll(existingSkus)) {
            throw new RuleRefusedException("variant-kept", "A variant cannot be removed once it exists; set its stock to 0 instead.");
        }
        long id = Long.parseLong(current.id());
        products.update(id, fixed.name().strip(), fixed.description() == null ? "" : fixed.description().strip(),
            fixed.category() == null ? "" : fixed.category().strip(), fixed.taxRate(), fixed.visibility(),
            fixed.images() == null ? List.of() : fixed.images(), fixed.active() == null || fixed.active(), drop);
        var added = new ArrayList<NewVariantRow>();
        for (var v : variants) {
            if (existingSkus.contains(v.sku())) products.updateVariant(id, v);
            else added.add(v);
        }
        if (!products.insertVariants(id, added, existingSkus.size())) {
            throw new ConflictException("sku-taken", "A variant with one of these SKUs exists.");
        }
        cache.changed(ReadCache.CATALOG, 0);
        return products.findBySlug(current.slug()).orElseThrow();
    }

    private static Products.Drop drop(StoreRules rules, NewProduct form) {
        var drop = new Products.Drop(StoreRules.time(rules, "saleStartsAt", form.saleStartsAt()),
            StoreRules.time(rules, "earlyAccessFrom", form.earlyAccessFrom()),
            form.perMemberLimit() == null ? null : form.perMemberLimit().intValue());
        rules.whole("perMemberLimit", form.perMemberLimit(), 1, Checkout.MAX_QUANTITY, false);
        if (drop.earlyAccessFrom() != null && (drop.saleStartsAt() == null || !drop.earlyAccessFrom().isBefore(drop.saleStartsAt()))) {
            rules.add("earlyAccessFrom", "validation.store.earlyAccess");
        }
        return drop;
    }

    /** Checks a product form; a variant's stock may be left out only when its SKU is one of {@code existingSkus}. */
    private static List<NewVariantRow> validate(StoreRules rules, NewProduct form, Set<String> existingSkus) {
        rules.slug("slug", form.slug())
            .text("name", form.name(), 200)
            .optionalText("description", form.description(), 20_000)
            .optionalText("category", form.category(), 50)
            .known("taxRate", TAX_RATES.contains(form.taxRate()))
            .known("visibility", VISIBILITIES.contains(form.visibility()));
        var images = form.images() == null ? List.<String>of() : form.images();
        if (images.size() > 20) rules.add("images", "validation.tooLong");
        for (int i = 0; i < images.size(); i++) rules.mediaUrl("images[" + i + "]", images.get(i));
        var variants = form.variants() == null ? List.<NewVariant>of() : form.variants();
        if (variants.isEmpty() || variants.size() > 50) rules.add("variants", "validation.store.variants");
        var skus = new HashSet<String>();
        var rows = new ArrayList<NewVariantRow>();
        for (int i = 0; i < variants.size(); i++) {
            var v = variants.get(i);
            String f = "variants[" + i + "].";
            if (v == null) {
                rules.add("variants[" + i + "]", "validation.required");
                continue;
            }
            rules.sku(f + "sku", v.sku()).text(f + "name", v.name(), 100)
                .whole(f + "price", v.price(), 0, MAX_PRICE, true)
                .whole(f + "memberPrice", v.memberPrice(), 0, MAX_PRICE, false)
                .whole(f + "stock", v.stock(), 0, MAX_STOCK, !existingSkus.contains(v.sku()));
            if (v.sku() != null && !skus.add(v.sku())) rules.add(f + "sku", "validation.store.duplicateSku");
            if (!rules.failed(f + "price") && !rules.failed(f + "memberPrice") && !rules.failed(f + "stock") && !rules.failed(f + "name")) {
                rows.add(new NewVariantRow(v.sku(), v.name().strip(), v.price().intValue(),
                    v.memberPrice() == null ? null : v.memberPrice().intValue(), v.stock() == null ? null : v.stock().intValue()));
            }
        }
        rules.orThrow();
        return rows;
    }

    /** Active products the caller may see, newest first ({@code sort=newest}) or cheapest first ({@code sort=price}). */
    public Page<ProductView> list(Optional<Actor> actor, String category, String sort, PageRequest page) {
        boolean byPrice = "price".equals(sort);
        if (sort != null && !byPrice && !"newest".equals(sort)) throw new InvalidInputException("sort", "validation.unknownValue");
        String c = category == null || category.isBlank() ? null : category;
        Long afterKey = null;
        String afterTime = null;
        Long afterId = null;
        if (!page.isFirst()) {
            if (byPrice) afterKey = page.afterLong(0);
            else afterTime = page.afterTime(0).toString(); // a time PostgreSQL reads, or a 400
            afterId = page.afterLong(1);
        }
        // the same page for every visitor, and for every member: shared for a second (stock shown may lag that much)
        boolean members = actor.isPresent();
        Long key = afterKey;
        String time = afterTime;
        Long id = afterId;
        var rows = cache.read(cache.key(ReadCache.CATALOG, 0, "page:" + members + ":" + c + ":" + byPrice + ":" + page),
            () -> products.page(members, c, byPrice, key, time, id, page.limit() + 1));
        return Page.fromOverfetch(rows, page.limit(),
            p -> byPrice ? PageRequest.encode(p.lowestPrice(), p.id()) : PageRequest.encode(p.createdAt(), p.id()));
    }

    /** One product; 404 when the caller may not see it (members-only to visitors, inactive to all but admins). */
    public ProductView view(Optional<Actor> actor, String slug) {
        String s = slug == null ? "" : slug;
        var product = cache.read(cache.key(ReadCache.CATALOG, 0, "product:" + s), () -> products.findBySlug(s))
            .orElseThrow(() -> new NotFoundException("No such product."));
        if (!policy.canSeeProduct(actor, product.visibility(), product.active())) throw new NotFoundException("No such product.");
        return product;
    }

    /**
     * The given SKUs with their product, price and current stock (read now, not cached), in the order asked; unknown
     * SKUs are left out. Visibility is the caller's to check ({@link StorePolicy#canSeeProduct}).
     */
    public List<Views.SkuView> skus(java.util.Collection<String> skus) {
        if (skus.isEmpty()) return List.of();
        var variants = products.variantsBySku(skus);
        var refs = products.refs(variants.values().stream().map(Products.VariantRow::productId).distinct().toList());
        var result = new ArrayList<Views.SkuView>();
        for (String sku : new java.util.LinkedHashSet<>(skus)) {
            var v = variants.get(sku);
            if (v == null) continue;
            var ref = refs.get(v.productId());
            result.add(new Views.SkuView(v.sku(), ref.slug(), v.productName(), v.name(), v.price(), v.memberPrice(), v.stock(),
                v.taxRate(), v.visibility(), v.active(), ref.image()));
        }
        return result;
    }

    public List<String> categories() {
        return cache.read(cache.key(ReadCache.CATALOG, 0, "categories"), products::categories);
    }

    /** 403 unless the actor manages the catalog (owners and admins). */
    public void requireCatalogManager(Actor actor) {
        if (!policy.canManageCatalog(actor)) throw new ForbiddenException("Only owners and admins manage the catalog.");
    }

    /** A product as staff edit it, active or not; 404 when there is none. */
    public ProductView forEditing(Actor actor, String slug) {
        requireCatalogManager(actor);
        return products.findBySlug(slug == null ? "" : slug).orElseThrow(() -> new NotFoundException("No such product."));
    }

    /** Every product, active or not, for the staff page. */
    public List<ProductView> all(Actor actor) {
        requireCatalogManager(actor);
        return products.all(500);
    }

    @Transactional
    public void setStock(Actor actor, String sku, BigDecimal stock) {
        requireCatalogManager(actor);
        StoreRules.check().whole("stock", stock, 0, MAX_STOCK, true).orThrow();
        if (!products.setStock(sku, stock.intValue())) throw new NotFoundException("No such SKU.");
        cache.changed(ReadCache.CATALOG, 0);
    }

    @Transactional
    public void setActive(Actor actor, String slug, boolean active) {
        requireCatalogManager(actor);
        if (!products.setActive(slug, active)) throw new NotFoundException("No such product.");
        cache.changed(ReadCache.CATALOG, 0);
    }
}
