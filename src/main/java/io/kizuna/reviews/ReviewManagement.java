package io.kizuna.reviews;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.media.MediaManagement;
import io.kizuna.moderation.ContentGate;
import io.kizuna.platform.RateLimiter;
import io.kizuna.platform.ReadCache;
import io.kizuna.reviews.Views.Author;
import io.kizuna.reviews.Views.Photo;
import io.kizuna.reviews.Views.Reply;
import io.kizuna.reviews.Views.ReviewPage;
import io.kizuna.reviews.Views.ReviewView;
import io.kizuna.reviews.Views.Revision;
import io.kizuna.reviews.Views.Summary;
import io.kizuna.reviews.internal.Reviews;
import io.kizuna.reviews.internal.Reviews.Filter;
import io.kizuna.reviews.internal.Reviews.ReviewRow;
import io.kizuna.reviews.internal.Reviews.Sort;
import io.kizuna.reviews.internal.Summaries;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.InvalidInputException.FieldProblem;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.shared.UserId;
import io.kizuna.store.CatalogManagement;
import io.kizuna.store.PurchaseHistory;
import io.kizuna.store.Views.ProductView;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Product reviews: one per member and product, with up to five of the member's own uploaded photos, a verified-purchase
 * mark, helpful votes, the brand's reply and the staff-set PR label; edits keep the earlier text. Every write keeps the
 * product's rating summary exact with one statement.
 */
@Service
public class ReviewManagement {
    public record NewReview(BigDecimal rating, String title, String body, List<String> photos) {}

    /** An author's edit; a null field keeps its value. */
    public record ReviewChange(BigDecimal rating, String title, String body, List<String> photos) {}

    public static final int MIN_BODY = 10;
    public static final int MAX_BODY = 5_000;
    public static final int MAX_TITLE = 100;
    public static final int MAX_PHOTOS = 5;
    public static final int MAX_REPLY = 5_000;
    static final String CACHE = "reviews";

    private final Reviews reviews;
    private final Summaries summaries;
    private final ReviewPolicy policy;
    private final CatalogManagement catalog;
    private final PurchaseHistory purchases;
    private final MediaManagement media;
    private final IdentityManagement identity;
    private final ContentGate gate;
    private final RateLimiter limiter;
    private final ReadCache cache;
    private final ApplicationEventPublisher events;

    ReviewManagement(Reviews reviews, Summaries summaries, ReviewPolicy policy, CatalogManagement catalog, PurchaseHistory purchases,
                     MediaManagement media, IdentityManagement identity, ContentGate gate, RateLimiter limiter, ReadCache cache,
                     ApplicationEventPublisher events) {
        this.reviews = reviews;
        this.summaries = summaries;
        this.policy = policy;
        this.catalog = catalog;
        this.purchases = purchases;
        this.media = media;
        this.identity = identity;
        this.gate = gate;
        this.limiter = limiter;
        this.cache = cache;
        this.events = events;
    }

    /** Reviews a product the member can see (404 otherwise); a second review of the same product is a 409. */
    @Transactional
    public ReviewView create(Actor actor, String productSlug, NewReview form) {
        limiter.acquire("review-write", actor.id().toString(), 20, Duration.ofMinutes(10));
        var product = catalog.view(Optional.of(actor), productSlug);
        var text = validate(actor, form.rating(), form.title(), form.body(), form.photos());
        String status = screen(actor, text);
        long productId = Long.parseLong(product.id());
        boolean verified = purchases.hasBought(actor.id(), productId);
        var row = reviews.insert(productId, product.slug(), actor.id().value(), text.rating(), text.title(), text.body(), text.photos(),
                verified, status)
            .orElseThrow(() -> new ConflictException("review-exists", "You have already reviewed this product; edit your review instead."));
        if (row.published()) {
            summaries.add(productId, row.rating());
            events.publishEvent(new ReviewPublished(row.id(), productId, actor.id().value()));
        }
        cache.changed(CACHE, productId);
        return view(row);
    }

    /**
     * A product's published reviews: {@code sort} newest (default), helpful or rating; {@code stars} 1..5 and
     * {@code withPhotos} filter. The first pages are shared for a second like the catalog's; the caller's own review
     * is read per request.
     */
    public ReviewPage list(Optional<Actor> actor, String productSlug, String sort, String stars, String withPhotos, PageRequest page) {
        return forProduct(actor, catalog.view(actor, productSlug), sort, stars, withPhotos, page);
    }

    /** As {@link #list}, for a product the caller has already been allowed to see (the product page). */
    public ReviewPage forProduct(Optional<Actor> actor, ProductView product, String sort, String stars, String withPhotos, PageRequest page) {
        long productId = Long.parseLong(product.id());
        var order = sort(sort);
        var filter = new Filter(stars(stars), flag("withPhotos", withPhotos));
        var items = cache.read(cache.key(CACHE, productId, "page:" + order + ":" + filter + ":" + page),
            () -> pageOf(productId, order, filter, page));
        ReviewView mine = actor.flatMap(a -> reviews.byAuthor(productId, a.id().value())).map(this::view).orElse(null);
        return new ReviewPage(items.items(), items.nextCursor(), summary(productId), mine);
    }

    /**
     * What is the same for every visitor (not signed in) of a product's reviews, such as the rendered section of its
     * page, shared for a second like the lists; any review write on this node replaces it at once.
     */
    public <T> T sharedWithVisitors(long productId, String what, java.util.function.Supplier<T> loader) {
        return cache.read(cache.key(CACHE, productId, "visitors:" + what), loader);
    }

    /** The summary of a product's published reviews. */
    public Summary summary(long productId) {
        return cache.read(cache.key(CACHE, productId, "summary"), () -> summaries.find(productId));
    }

    private Page<ReviewView> pageOf(long productId, Sort order, Filter filter, PageRequest page) {
        var rows = reviews.page(productId, order, filter, after(order, page), page.limit() + 1);
        var names = identity.names(rows.stream().map(r -> new UserId(r.authorId())).collect(java.util.stream.Collectors.toSet()));
        return Page.fromOverfetch(rows, page.limit(), r -> switch (order) {
            case NEWEST -> PageRequest.encode(r.createdAt(), r.id());
            case HELPFUL -> PageRequest.encode(r.helpfulCount(), r.id());
            case RATING -> PageRequest.encode(r.rating(), r.createdAt(), r.id());
        }).map(r -> view(r, names.get(new UserId(r.authorId()))));
    }

    /** The cursor's keys, typed for the sort; a cursor of another sort or a tampered one is a 400. */
    private static List<Object> after(Sort order, PageRequest page) {
        if (page.isFirst()) return List.of();
        if (page.after().size() != (order == Sort.RATING ? 3 : 2)) throw new InvalidInputException("cursor", "is not a cursor this server issued");
        try {
            return switch (order) {
                case NEWEST -> List.of(page.afterTime(0), page.afterLong(1));
                case HELPFUL -> List.of(Integer.parseInt(page.afterString(0)), page.afterLong(1));
                case RATING -> List.of(Integer.parseInt(page.afterString(0)), page.afterTime(1), page.afterLong(2));
            };
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor this server issued");
        }
    }

    /** One review: published ones for whoever may see the product, others for their author and staff. */
    public ReviewView view(Optional<Actor> actor, String reviewId) {
        return view(require(actor, reviewId, false));
    }

    /** The author edits rating, title, body or photos; the previous version is kept. The PR label stays whatever staff set. */
    @Transactional
    public ReviewView edit(Actor actor, String reviewId, ReviewChange change) {
        limiter.acquire("review-write", actor.id().toString(), 20, Duration.ofMinutes(10));
        var row = require(Optional.of(actor), reviewId, true);
        if (!policy.canEdit(actor, row.authorId())) throw new ForbiddenException("Only its author edits a review.");
        var text = validate(actor, change.rating() == null ? BigDecimal.valueOf(row.rating()) : change.rating(),
            change.title() == null ? row.title() : change.title(), change.body() == null ? row.body() : change.body(),
            change.photos() == null ? row.photos() : change.photos());
        // a held edit takes a published review off the page until a moderator releases it; hidden stays hidden
        String screened = screen(actor, text);
        String status = "hidden".equals(row.status()) ? "hidden" : "pending".equals(row.status()) ? "pending" : screened;
        var edited = reviews.edit(row, text.rating(), text.title(), text.body(), text.photos(), status);
        if (row.published() && edited.published()) summaries.move(row.productId(), row.rating(), edited.rating());
        else if (row.published()) summaries.remove(row.productId(), row.rating());
        cache.changed(CACHE, row.productId());
        return view(edited);
    }

    /** Its author or staff delete a review; its votes and history go with it. */
    @Transactional
    public void delete(Actor actor, String reviewId) {
        var row = require(Optional.of(actor), reviewId, true);
        if (!policy.canDelete(actor, row.authorId())) throw new ForbiddenException("Only its author or staff delete a review.");
        reviews.delete(row.id());
        if (row.published()) summaries.remove(row.productId(), row.rating());
        cache.changed(CACHE, row.productId());
    }

    /** Marks a review helpful (or takes the mark back); once per member, never on one's own (422). */
    @Transactional
    public ReviewView helpful(Actor actor, String reviewId, boolean helpful) {
        limiter.acquire("review-vote", actor.id().toString(), 120, Duration.ofMinutes(10));
        var row = require(Optional.of(actor), reviewId, false);
        if (!policy.canVoteHelpful(actor, row.authorId())) throw new RuleRefusedException("own-review", "You cannot vote on your own review.");
        if (!row.published()) throw new NotFoundException("No such review.");
        boolean changed = helpful ? reviews.vote(row.id(), actor.id().value()) : reviews.unvote(row.id(), actor.id().value());
        if (changed) cache.changed(CACHE, row.productId());
        return view(reviews.find(row.id()).orElseThrow());
    }

    /** Which of these reviews the member marked helpful (for their buttons). */
    public java.util.Set<String> votedByMe(Actor actor, List<ReviewView> shown) {
        var ids = shown.stream().map(r -> Long.parseLong(r.id())).toList();
        var voted = new HashSet<String>();
        for (long id : reviews.votedBy(actor.id().value(), ids)) voted.add(Long.toString(id));
        return voted;
    }

    /** The brand's public reply (staff); a blank body removes it. */
    @Transactional
    public ReviewView reply(Actor actor, String reviewId, String body) {
        var row = require(Optional.of(actor), reviewId, true);
        if (!policy.canReply(actor)) throw new ForbiddenException("Only staff reply for the brand.");
        String text = body == null || body.isBlank() ? null : body.strip();
        if (text != null && text.codePointCount(0, text.length()) > MAX_REPLY) throw new InvalidInputException("body", "reviews.validation.replyTooLong");
        reviews.reply(row.id(), text, actor.id().value());
        cache.changed(CACHE, row.productId());
        return view(reviews.find(row.id()).orElseThrow());
    }

    /**
     * Staff set or clear the PR label (a review the brand asked for or rewarded: sample campaigns, points, coupons),
     * as the stealth-marketing rule requires; it is kept apart from what the author can edit.
     */
    @Transactional
    public ReviewView label(Actor actor, String reviewId, boolean incentivized) {
        var row = require(Optional.of(actor), reviewId, true);
        if (!policy.canLabel(actor)) throw new ForbiddenException("Only staff label reviews.");
        reviews.setIncentivized(row.id(), incentivized);
        cache.changed(CACHE, row.productId());
        return view(reviews.find(row.id()).orElseThrow());
    }

    /** Earlier versions, newest first: for the author and staff. */
    public List<Revision> revisions(Actor actor, String reviewId) {
        var row = require(Optional.of(actor), reviewId, false);
        if (!policy.canSeeRevisions(actor, row.authorId())) throw new ForbiddenException("Only its author and staff see a review's history.");
        return reviews.revisions(row.id()).stream()
            .map(r -> new Revision(r.rating(), r.title(), r.body(), photos(r.photos()), r.writtenAt())).toList();
    }

    /** A moderator hid the review (a report upheld): off the page and out of the summary, still visible to its author. */
    @Transactional
    public void hide(long reviewId, String reason) {
        var row = reviews.lock(reviewId).orElseThrow(() -> new NotFoundException("No such review."));
        if ("hidden".equals(row.status())) return;
        reviews.setStatus(row.id(), "hidden", reason);
        if (row.published()) summaries.remove(row.productId(), row.rating());
        cache.changed(CACHE, row.productId());
    }

    /** A moderator restored a hidden review or released a held one. */
    @Transactional
    public void restore(long reviewId) {
        var row = reviews.lock(reviewId).orElseThrow(() -> new NotFoundException("No such review."));
        if (row.published()) return;
        reviews.setStatus(row.id(), "published", null);
        summaries.add(row.productId(), row.rating());
        if ("pending".equals(row.status())) events.publishEvent(new ReviewPublished(row.id(), row.productId(), row.authorId()));
        cache.changed(CACHE, row.productId());
    }

    /** The verified mark follows the member's orders: set after payment, taken away when the order is refunded. */
    @Transactional
    public void purchasesChanged(UserId buyer, List<Long> productIds) {
        var bought = purchases.bought(buyer, productIds);
        for (long productId : reviews.setVerified(buyer.value(), productIds, bought)) cache.changed(CACHE, productId);
    }

    // ---- helpers

    private record Text(int rating, String title, String body, List<String> photos) {}

    private Text validate(Actor actor, BigDecimal rating, String title, String body, List<String> photos) {
        var problems = new ArrayList<FieldProblem>();
        if (rating == null) problems.add(new FieldProblem("rating", "validation.required"));
        else if ((rating.signum() != 0 && rating.stripTrailingZeros().scale() > 0) || rating.compareTo(BigDecimal.ONE) < 0
            || rating.compareTo(BigDecimal.valueOf(5)) > 0) {
            problems.add(new FieldProblem("rating", "reviews.validation.rating"));
        }
        String t = title == null ? "" : title.strip();
        if (length(t) > MAX_TITLE) problems.add(new FieldProblem("title", "reviews.validation.titleTooLong"));
        String b = body == null ? "" : body.strip();
        if (b.isEmpty()) problems.add(new FieldProblem("body", "validation.required"));
        else if (length(b) < MIN_BODY) problems.add(new FieldProblem("body", "reviews.validation.bodyTooShort"));
        else if (length(b) > MAX_BODY) problems.add(new FieldProblem("body", "reviews.validation.bodyTooLong"));
        var ids = photos == null ? List.<String>of() : photos;
        if (ids.size() > MAX_PHOTOS) problems.add(new FieldProblem("photos", "reviews.validation.tooManyPhotos"));
        else {
            for (int i = 0; i < ids.size(); i++) {
                // only the author's own uploads: a photo id is a capability, and nobody attaches someone else's
                if (media.ownUpload(actor.id(), ids.get(i)).isEmpty()) problems.add(new FieldProblem("photos[" + i + "]", "reviews.validation.photo"));
            }
            if (new HashSet<>(ids).size() != ids.size()) problems.add(new FieldProblem("photos", "reviews.validation.photoTwice"));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return new Text(rating.intValue(), t, b, List.copyOf(ids));
    }

    /** "published", or "pending" when moderation holds the words for a look. */
    private String screen(Actor actor, Text text) {
        var result = gate.screen(actor, ContentGate.Surface.REVIEW, text.title().isEmpty() ? text.body() : text.title() + "\n" + text.body());
        return result == ContentGate.Screening.HOLD ? "pending" : "published";
    }

    private ReviewRow require(Optional<Actor> actor, String reviewId, boolean lock) {
        long id = parseId(reviewId);
        var row = (lock ? reviews.lock(id) : reviews.find(id)).orElseThrow(() -> new NotFoundException("No such review."));
        catalog.view(actor, row.productSlug()); // 404 when the product is out of the actor's sight
        if (!policy.canSee(actor, row.authorId(), row.status())) throw new NotFoundException("No such review.");
        return row;
    }

    static long parseId(String id) {
        try {
            long v = Long.parseLong(id);
            if (v > 0) return v;
        } catch (NumberFormatException | NullPointerException e) {
            // not found below
        }
        throw new NotFoundException("No such review.");
    }

    private static Sort sort(String sort) {
        if (sort == null || sort.isBlank()) return Sort.NEWEST;
        try {
            return Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("sort", "validation.unknownValue");
        }
    }

    private static Integer stars(String stars) {
        if (stars == null || stars.isBlank()) return null;
        return switch (stars.strip()) {
            case "1", "2", "3", "4", "5" -> Integer.parseInt(stars.strip());
            default -> throw new InvalidInputException("stars", "reviews.validation.rating");
        };
    }

    private static boolean flag(String field, String value) {
        if (value == null || value.isBlank() || "false".equals(value)) return false;
        if ("true".equals(value)) return true;
        throw new InvalidInputException(field, "validation.unknownValue");
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private ReviewView view(ReviewRow row) {
        return view(row, identity.names(List.of(new UserId(row.authorId()))).get(new UserId(row.authorId())));
    }

    private static ReviewView view(ReviewRow r, io.kizuna.identity.MemberName name) {
        var author = new Author(Long.toString(r.authorId()), name == null || name.erased() ? null : name.displayName());
        return new ReviewView(Long.toString(r.id()), r.productSlug(), r.rating(), r.title(), r.body(), photos(r.photos()),
            r.verifiedPurchase(), r.incentivized(), author, r.helpfulCount(), r.status(),
            r.replyBody() == null ? null : new Reply(r.replyBody(), r.replyAt()), r.editedAt() != null, r.createdAt(), r.updatedAt());
    }

    static List<Photo> photos(List<String> ids) {
        return ids.stream().map(id -> new Photo(id, "/media/" + id, "/media/" + id + "/thumb")).toList();
    }

    /** The product behind a slug as the actor may see it (404 otherwise), for the pages. */
    public ProductView product(Optional<Actor> actor, String slug) {
        return catalog.view(actor, slug);
    }
}
