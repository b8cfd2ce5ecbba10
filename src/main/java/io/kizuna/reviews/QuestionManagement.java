package io.kizuna.reviews;

import io.kizuna.community.PostManagement;
import io.kizuna.community.SpaceManagement;
import io.kizuna.community.SpaceManagement.NewSpace;
import io.kizuna.community.ThreadManagement;
import io.kizuna.community.ThreadManagement.NewThread;
import io.kizuna.identity.IdentityManagement;
import io.kizuna.moderation.ContentGate;
import io.kizuna.platform.RateLimiter;
import io.kizuna.platform.ReadCache;
import io.kizuna.reviews.Views.Answer;
import io.kizuna.reviews.Views.Author;
import io.kizuna.reviews.Views.QuestionView;
import io.kizuna.reviews.internal.ProductQuestions;
import io.kizuna.shared.Actor;
import io.kizuna.shared.DomainException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.Role;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.shared.UserId;
import io.kizuna.store.CatalogManagement;
import io.kizuna.store.Views.ProductView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Product Q&A: a question on a product page is a question thread in the community's {@value #SPACE} space, linked to
 * the product, so answers, the best answer, search and notifications all come from the community (one conversation,
 * two views). The product page shows each question with its best answer and staff answers marked official.
 */
@Service
public class QuestionManagement {
    public static final String SPACE = "products";

    public record NewQuestion(String title, String body) {}

    private final ProductQuestions questions;
    private final CatalogManagement catalog;
    private final ThreadManagement threads;
    private final PostManagement posts;
    private final SpaceManagement spaces;
    private final IdentityManagement identity;
    private final ContentGate gate;
    private final RateLimiter limiter;
    private final ReadCache cache;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    QuestionManagement(ProductQuestions questions, CatalogManagement catalog, ThreadManagement threads, PostManagement posts,
                       SpaceManagement spaces, IdentityManagement identity, ContentGate gate, RateLimiter limiter, ReadCache cache,
                       ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.questions = questions;
        this.catalog = catalog;
        this.threads = threads;
        this.posts = posts;
        this.spaces = spaces;
        this.identity = identity;
        this.gate = gate;
        this.limiter = limiter;
        this.cache = cache;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Asks a question about a product the member can see (404 otherwise); it opens a question thread linking back to the product. */
    public QuestionView ask(Actor actor, String productSlug, NewQuestion form) {
        limiter.acquire("qa-write", actor.id().toString(), 10, Duration.ofMinutes(10));
        var product = catalog.view(Optional.of(actor), productSlug);
        String title = form.title() == null ? null : form.title();
        String body = form.body() == null ? "" : form.body();
        if (gate.screen(actor, ContentGate.Surface.PRODUCT_QA, (title == null ? "" : title) + "\n" + body) == ContentGate.Screening.HOLD) {
            // a thread cannot wait unpublished in the community yet: a held question is refused with the reason
            throw new RuleRefusedException("held-for-review", "This question needs a moderator's look; please rephrase it.");
        }
        ensureSpace(actor);
        long productId = Long.parseLong(product.id());
        // the thread names its product, so the community view links back to it
        String text = (body.isBlank() ? "" : body.strip() + "\n\n") + "[" + product.name().replace("[", "\\[").replace("]", "\\]") + "](/store/" + product.slug() + ")";
        var thread = tx.execute(s -> {
            var t = threads.start(actor, SPACE, new NewThread(title, text, "question"));
            questions.link(Long.parseLong(t.id()), productId);
            cache.changed(CACHE, productId);
            return t;
        });
        return question(Long.parseLong(thread.id())).orElseThrow();
    }

    static final String CACHE = "product-qa";

    /** A product's questions, newest first. */
    public Page<QuestionView> list(Optional<Actor> actor, String productSlug, PageRequest page) {
        return forProduct(catalog.view(actor, productSlug), page);
    }

    /** As {@link #list}, for a product the caller has been allowed to see. */
    public Page<QuestionView> forProduct(ProductView product, PageRequest page) {
        long productId = Long.parseLong(product.id());
        Long before = page.isFirst() ? null : page.afterLong(0);
        var ids = cache.read(cache.key(CACHE, productId, "ids:" + page), () -> questions.page(productId, before, page.limit() + 1));
        var result = Page.fromOverfetch(ids, page.limit(), id -> PageRequest.encode(id));
        var items = new ArrayList<QuestionView>();
        for (long id : result.items()) question(id).ifPresent(items::add);
        return new Page<>(items, result.nextCursor());
    }

    /** One question as the product page shows it; empty when its thread is gone or no longer public. Shared while the thread is unchanged. */
    private Optional<QuestionView> question(long threadId) {
        return cache.read(cache.key(ReadCache.THREAD, threadId, "product-question"), () -> load(threadId));
    }

    private Optional<QuestionView> load(long threadId) {
        try {
            var t = threads.view(Optional.empty(), Long.toString(threadId));
            var answers = new ArrayList<Answer>();
            Answer best = null;
            var list = posts.list(Optional.empty(), t.id(), PageRequest.of("100", null)).items();
            for (var p : list.subList(Math.min(1, list.size()), list.size())) { // the first post is the question itself
                if (p.deleted()) continue;
                boolean official = identity.actor(UserId.parse(p.author().id())).map(Actor::isStaff).orElse(false);
                boolean accepted = p.id().equals(t.acceptedPostId());
                var a = new Answer(p.id(), p.bodyHtml(), new Author(p.author().id(), p.author().displayName()), official, accepted, p.createdAt());
                if (accepted) best = a;
                else if (official && answers.size() < 2) answers.add(a);
            }
            return Optional.of(new QuestionView(t.id(), t.title(), new Author(t.author().id(), t.author().displayName()), Math.max(0, t.postCount() - 1),
                t.acceptedPostId() != null, best, answers, "/t/" + t.id(), t.createdAt()));
        } catch (DomainException e) {
            return Optional.empty();
        }
    }

    /** The products space is made on first use (and by the demo): public, so every product page can show its questions. */
    private void ensureSpace(Actor actor) {
        try {
            spaces.view(Optional.empty(), SPACE);
        } catch (NotFoundException e) {
            // a system step, not the asker's staff action: the space is the module's own
            var system = new Actor(actor.id(), actor.displayName(), Role.ADMIN, true);
            try {
                spaces.create(system, new NewSpace(SPACE, "商品のQ&A", "ストアの商品についての質問と回答です。", "public"));
            } catch (DomainException raced) {
                // another request made it first
            }
        }
    }

    /** The community accepted an answer: for a product question, say so as our own event and refresh the product page. */
    @EventListener
    void on(io.kizuna.community.Events.AnswerAccepted event) {
        questions.productOf(event.threadId()).ifPresent(productId -> {
            cache.changed(CACHE, productId);
            events.publishEvent(new QaAnswerAccepted(event.threadId(), productId, event.postId(), event.answerAuthorId()));
        });
    }
}
