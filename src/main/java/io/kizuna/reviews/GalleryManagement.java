package io.kizuna.reviews;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.media.MediaManagement;
import io.kizuna.moderation.ContentGate;
import io.kizuna.platform.RateLimiter;
import io.kizuna.platform.ReadCache;
import io.kizuna.reviews.Views.Author;
import io.kizuna.reviews.Views.GalleryPostView;
import io.kizuna.reviews.Views.ProductTag;
import io.kizuna.reviews.internal.GalleryPosts;
import io.kizuna.reviews.internal.GalleryPosts.PostRow;
import io.kizuna.reviews.internal.GalleryPosts.Tag;
import io.kizuna.shared.Actor;
import io.kizuna.shared.DomainException;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.InvalidInputException.FieldProblem;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.shared.UserId;
import io.kizuna.store.CatalogManagement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The UGC gallery: members post one of their uploaded photos tagged with 1 to 5 public products ("how I use it"), others
 * like them, staff feature the best, and featured photos appear on the tagged products' pages and the home page.
 */
@Service
public class GalleryManagement {
    public record NewGalleryPost(String photo, String caption, List<String> products) {}

    public static final int MAX_CAPTION = 500;
    public static final int MAX_PRODUCTS = 5;
    static final String CACHE = "gallery";

    private final GalleryPosts posts;
    private final ReviewPolicy policy;
    private final CatalogManagement catalog;
    private final MediaManagement media;
    private final IdentityManagement identity;
    private final ContentGate gate;
    private final RateLimiter limiter;
    private final ReadCache cache;
    private final ApplicationEventPublisher events;

    GalleryManagement(GalleryPosts posts, ReviewPolicy policy, CatalogManagement catalog, MediaManagement media, IdentityManagement identity,
                      ContentGate gate, RateLimiter limiter, ReadCache cache, ApplicationEventPublisher events) {
        this.posts = posts;
        this.policy = policy;
        this.catalog = catalog;
        this.media = media;
        this.identity = identity;
        this.gate = gate;
        this.limiter = limiter;
        this.cache = cache;
        this.events = events;
    }

    @Transactional
    public GalleryPostView post(Actor actor, NewGalleryPost form) {
        limiter.acquire("ugc-write", actor.id().toString(), 20, Duration.ofMinutes(10));
        var problems = new ArrayList<FieldProblem>();
        if (form.photo() == null || form.photo().isBlank()) problems.add(new FieldProblem("photo", "validation.required"));
        else if (media.ownUpload(actor.id(), form.photo()).isEmpty()) problems.add(new FieldProblem("photo", "reviews.validation.photo"));
        String caption = form.caption() == null ? "" : form.caption().strip();
        if (caption.codePointCount(0, caption.length()) > MAX_CAPTION) problems.add(new FieldProblem("caption", "validation.tooLong"));
        var slugs = new LinkedHashSet<>(form.products() == null ? List.<String>of() : form.products());
        if (slugs.isEmpty() || slugs.size() > MAX_PRODUCTS) problems.add(new FieldProblem("products", "reviews.validation.galleryProducts"));
        var tags = new ArrayList<Tag>();
        int i = 0;
        for (String slug : slugs) {
            try {
                var product = catalog.view(Optional.of(actor), slug);
                // the gallery is public: only products everyone can see are named there
                if (product.membersOnly()) problems.add(new FieldProblem("products[" + i + "]", "reviews.validation.publicProduct"));
                else tags.add(new Tag(Long.parseLong(product.id()), product.slug(), product.name()));
            } catch (NotFoundException e) {
                problems.add(new FieldProblem("products[" + i + "]", "reviews.validation.unknownProduct"));
            }
            i++;
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        var screening = gate.screen(actor, ContentGate.Surface.UGC, caption);
        var row = posts.insert(actor.id().value(), form.photo(), caption, screening == ContentGate.Screening.HOLD ? "pending" : "published", tags);
        cache.changed(CACHE, 0);
        return view(row, tags);
    }

    /** Published photos, newest first, or the featured ones by feature time; {@code product} narrows to one product's slug. */
    public Page<GalleryPostView> list(Optional<Actor> actor, String productSlug, boolean featured, PageRequest page) {
        Long productId = null;
        if (productSlug != null && !productSlug.isBlank()) productId = Long.parseLong(catalog.view(actor, productSlug).id());
        return page(productId, featured, page);
    }

    /** Featured photos of one product (its page), or of all products (the home page) when {@code productId} is null. */
    public List<GalleryPostView> featured(Long productId, int limit) {
        return page(productId, true, PageRequest.of(Integer.toString(limit), null)).items();
    }

    private Page<GalleryPostView> page(Long productId, boolean featured, PageRequest page) {
        var after = after(featured, page);
        return cache.read(cache.key(CACHE, 0, "page:" + productId + ":" + featured + ":" + page), () -> {
            var rows = posts.page(productId, featured, after, page.limit() + 1);
            var result = Page.fromOverfetch(rows, page.limit(), r -> featured ? PageRequest.encode(r.featuredAt(), r.id()) : PageRequest.encode(r.id()));
            return new Page<>(views(result.items()), result.nextCursor());
        });
    }

    private static List<Object> after(boolean featured, PageRequest page) {
        if (page.isFirst()) return List.of();
        try {
            return featured ? List.of(page.afterTime(0), page.afterLong(1)) : List.of(page.afterLong(0));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor this server issued");
        }
    }

    public GalleryPostView view(Optional<Actor> actor, String postId) {
        var row = require(actor, postId);
        return views(List.of(row)).getFirst();
    }

    /** Likes a photo (or takes the like back); once per member, never one's own (422). */
    @Transactional
    public GalleryPostView like(Actor actor, String postId, boolean like) {
        limiter.acquire("ugc-like", actor.id().toString(), 120, Duration.ofMinutes(10));
        var row = require(Optional.of(actor), postId);
        if (!policy.canLike(actor, row.authorId())) throw new RuleRefusedException("own-photo", "You cannot like your own photo.");
        if (like ? posts.like(row.id(), actor.id().value()) : posts.unlike(row.id(), actor.id().value())) cache.changed(CACHE, 0);
        return view(Optional.of(actor), postId);
    }

    /** Staff feature a photo (or stop featuring it); featuring publishes {@link UgcFeatured}. */
    @Transactional
    public GalleryPostView feature(Actor actor, String postId, boolean featured) {
        var row = require(Optional.of(actor), postId);
        if (!policy.canFeature(actor)) throw new ForbiddenException("Only staff feature gallery photos.");
        if (!row.published()) throw new RuleRefusedException("not-published", "Only published photos can be featured.");
        if (posts.feature(row.id(), featured)) {
            cache.changed(CACHE, 0);
            if (featured) events.publishEvent(new UgcFeatured(row.id(), row.authorId()));
        }
        return view(Optional.of(actor), postId);
    }

    @Transactional
    public void delete(Actor actor, String postId) {
        var row = require(Optional.of(actor), postId);
        if (!policy.canDelete(actor, row.authorId())) throw new ForbiddenException("Only its author or staff delete a photo.");
        posts.delete(row.id());
        cache.changed(CACHE, 0);
    }

    /** Moderation: hidden photos leave the gallery and pages, but their author still sees them. */
    @Transactional
    public void setHidden(long postId, boolean hidden, String reason) {
        posts.find(postId).ifPresent(row -> {
            posts.setStatus(row.id(), hidden ? "hidden" : "published", hidden ? reason : null);
            cache.changed(CACHE, 0);
        });
    }

    /** Which of these the member liked (for their buttons). */
    public Set<String> likedByMe(Actor actor, List<GalleryPostView> shown) {
        return posts.likedBy(actor.id().value(), shown.stream().map(p -> Long.parseLong(p.id())).toList()).stream()
            .map(String::valueOf).collect(Collectors.toSet());
    }

    private PostRow require(Optional<Actor> actor, String postId) {
        long id;
        try {
            id = Long.parseLong(postId);
        } catch (NumberFormatException | NullPointerException e) {
            throw new NotFoundException("No such photo.");
        }
        var row = posts.find(id).orElseThrow(() -> new NotFoundException("No such photo."));
        if (!policy.canSee(actor, row.authorId(), row.status())) throw new NotFoundException("No such photo.");
        return row;
    }

    private List<GalleryPostView> views(List<PostRow> rows) {
        var tags = posts.tags(rows.stream().map(PostRow::id).toList());
        var names = identity.names(rows.stream().map(r -> new UserId(r.authorId())).collect(Collectors.toSet()));
        return rows.stream().map(r -> {
            var name = names.get(new UserId(r.authorId()));
            return view(r, tags.getOrDefault(r.id(), List.of()), new Author(Long.toString(r.authorId()), name == null || name.erased() ? null : name.displayName()));
        }).toList();
    }

    private GalleryPostView view(PostRow r, List<Tag> tags) {
        var name = identity.names(List.of(new UserId(r.authorId()))).get(new UserId(r.authorId()));
        return view(r, tags, new Author(Long.toString(r.authorId()), name == null ? null : name.displayName()));
    }

    private static GalleryPostView view(PostRow r, List<Tag> tags, Author author) {
        return new GalleryPostView(Long.toString(r.id()), ReviewManagement.photos(List.of(r.photo())).getFirst(), r.caption(), author,
            tags.stream().map(t -> new ProductTag(t.slug(), t.name())).toList(), r.likeCount(), r.featuredAt() != null, r.status(), r.createdAt());
    }

    /** Whether the actor may see a photo (for reports). */
    public boolean canSee(String postId, Actor actor) {
        try {
            require(Optional.of(actor), postId);
            return true;
        } catch (DomainException e) {
            return false;
        }
    }
}
