package io.kizuna.community;

import io.kizuna.community.Events.PostDeleted;
import io.kizuna.community.Events.PostEdited;
import io.kizuna.community.Views.PostView;
import io.kizuna.community.internal.Audit;
import io.kizuna.community.internal.ContentRules;
import io.kizuna.community.internal.Markdown;
import io.kizuna.community.internal.Posts;
import io.kizuna.community.internal.Publishing;
import io.kizuna.community.internal.Posts.PostRow;
import io.kizuna.community.internal.ReadPositions;
import io.kizuna.platform.ReadCache;
import io.kizuna.moderation.ContentGate;
import io.kizuna.moderation.ContentGate.Screening;
import io.kizuna.moderation.ContentGate.Surface;
import io.kizuna.community.internal.Threads;
import io.kizuna.community.internal.Threads.ThreadRow;
import io.kizuna.community.internal.ViewAssembler;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.DomainException;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.shared.UserId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Posts in threads: read, reply, edit (history kept), delete (soft, audited) and react. */
@Service
public class PostManagement {
    public static final Set<String> REACTIONS = Set.of("like", "thanks", "helpful", "laugh", "wow");

    private final ThreadManagement threadManagement;
    private final Threads threads;
    private final Posts posts;
    private final Markdown markdown;
    private final CommunityPolicy policy;
    private final ViewAssembler views;
    private final Audit audit;
    private final ApplicationEventPublisher events;
    private final ReadCache cache;
    private final ContentGate gate;
    private final ReadPositions reads;
    private final TransactionTemplate transaction;
    private final Publishing publishing;

    PostManagement(Publishing publishing, ReadPositions reads, ContentGate gate, ThreadManagement threadManagement, Threads threads, Posts posts, Markdown markdown, CommunityPolicy policy,
                   ViewAssembler views, Audit audit, ApplicationEventPublisher events, ReadCache cache, TransactionTemplate transaction) {
        this.publishing = publishing;
        this.transaction = transaction;
        this.reads = reads;
        this.cache = cache;
        this.gate = gate;
        this.threadManagement = threadManagement;
        this.threads = threads;
        this.posts = posts;
        this.markdown = markdown;
        this.policy = policy;
        this.views = views;
        this.audit = audit;
        this.events = events;
    }

    /** A thread's posts, oldest first; the opening post is first. Deleted posts stay as placeholders. */
    public Page<PostView> list(Optional<Actor> actor, String threadId, PageRequest page) {
        var thread = threadManagement.require(actor, threadId);
        Long after = page.isFirst() ? null : page.afterLong(0);
        var shared = cache.read(cache.key(ReadCache.THREAD, thread.id(), "posts:" + page), () -> {
            var rows = Page.fromOverfetch(posts.page(thread.id(), after, page.limit() + 1), page.limit(), p -> PageRequest.encode(p.id()));
            return new Page<>(views.posts(rows.items(), posts.reactionCounts(rows.items().stream().map(PostRow::id).toList())), rows.nextCursor());
        });
        // a signed-in reader has now seen the thread up to this page's last post ("posts read", batched in memory)
        if (actor.isPresent() && !shared.items().isEmpty()) {
            reads.saw(actor.get().id().value(), thread.id(), Long.parseLong(shared.items().getLast().id()));
        }
        // hidden and held posts are in the shared page; each viewer sees only those the visibility rule allows
        if (shared.items().stream().allMatch(p -> p.moderation() == null)) return shared;
        return new Page<>(shared.items().stream().filter(p -> seenBy(actor, p)).toList(), shared.nextCursor());
    }

    /** The thread's opening post, whichever page of replies is read; empty when the actor may not see it. */
    public Optional<PostView> opening(Optional<Actor> actor, String threadId) {
        var thread = threadManagement.require(actor, threadId);
        return shown(actor, thread.id(), "opening", () -> posts.firstPostId(thread.id()).flatMap(posts::find));
    }

    /** The question's accepted answer, whichever page of replies holds it; empty when there is none or the actor may not see it. */
    public Optional<PostView> accepted(Optional<Actor> actor, String threadId) {
        var thread = threadManagement.require(actor, threadId);
        if (thread.acceptedPostId() == null) return Optional.empty();
        long id = thread.acceptedPostId();
        return shown(actor, thread.id(), "post:" + id, () -> posts.find(id).filter(p -> p.threadId() == thread.id()));
    }

    /** One post of a thread, shared through the read cache like its pages, then the viewer's visibility rule. */
    private Optional<PostView> shown(Optional<Actor> actor, long threadId, String what, Supplier<Optional<PostRow>> row) {
        Optional<PostView> shared = cache.read(cache.key(ReadCache.THREAD, threadId, what), () -> row.get().map(this::one));
        return shared.filter(p -> seenBy(actor, p));
    }

    /** The visibility rule for a shown post; a deleted one is a placeholder without an author that everyone sees. */
    private boolean seenBy(Optional<Actor> actor, PostView post) {
        return post.moderation() == null || policy.canSeeModerated(actor, Long.parseLong(post.author().id()), post.moderation());
    }

    /** After a write to a thread's posts: its pages and its space's list are read anew once the write commits. */
    private void changed(long threadId, long spaceId) {
        cache.changed(ReadCache.THREAD, threadId);
        cache.changed(ReadCache.SPACE, spaceId);
    }

    /**
     * Checks, screens and renders the reply first, then stores it: the pool's connection is taken for the write only,
     * not held while the text is rendered. A reply that is published at once is one autocommitted statement with the
     * other modules' writes on publishing ({@link io.kizuna.community.PostPublishing}); without {@code replyToPostId}
     * that statement also decides whether the member may write to the thread (the policy's visibility filter), so the
     * thread is read only when it refuses. A held one needs a transaction for the moderation case it opens. The order of
     * refusals is the same on every path: the body and the form of {@code replyToPostId} (400), the gate (403, 422, 429),
     * the thread (404), the post replied to (422), a locked thread (409); a refusal after the gate leaves no mark of the
     * text there.
     */
    public PostView reply(Actor actor, String threadId, String body, String replyToPostId) {
        long id = ThreadManagement.parseId(threadId, "thread");
        ContentRules.check().markdown("body", body, ContentRules.MAX_BODY).orThrow();
        Long replyTo = replyToPostId == null || replyToPostId.isBlank() ? null : ThreadManagement.bodyId("replyToPostId", replyToPostId);
        var screening = gate.screen(actor, Surface.COMMUNITY, body);
        try {
            var rendered = markdown.render(body);
            if (screening == Screening.HOLD) {
                return transaction.execute(status -> {
                    var thread = threadManagement.requireForWrite(actor, id);
                    return storeHeldReply(actor, thread, body, replyTarget(thread, replyTo), rendered);
                });
            }
            var post = storePublishedReply(actor, id, body, replyTo, rendered);
            publishing.stored();
            return view(actor, post, null);
        } catch (DomainException refused) {
            gate.notStored(actor, body);
            throw refused;
        }
    }

    /** One statement when it may decide alone; otherwise the thread's facts are read (or cached) and decided on. */
    private PostRow storePublishedReply(Actor actor, long threadId, String body, Long replyTo, Markdown.Rendered rendered) {
        if (replyTo == null) {
            var stored = posts.insertReplyWhereVisible(threadId, policy.visibleSpaces(Optional.of(actor)), actor.id().value(), body,
                rendered.html(), policy.canReplyWhileLocked(actor), rendered.mentionedUserIds());
            if (stored.isPresent()) {
                changed(threadId, stored.get().spaceId());
                return stored.get().post();
            }
        }
        var thread = threadManagement.requireForWrite(actor, threadId);
        return storeReply(actor, thread, body, replyTarget(thread, replyTo), rendered, true);
    }

    /** Stored but shown to its author and staff only, and not counted, until a moderator restores it (which publishes it). */
    private PostView storeHeldReply(Actor actor, ThreadRow thread, String body, Long replyTo, Markdown.Rendered rendered) {
        var post = storeReply(actor, thread, body, replyTo, rendered, false);
        posts.setModeration(post.id(), "held", null);
        threads.adjustPostCount(thread.id(), -1);
        gate.held("post", Long.toString(post.id()));
        return view(actor, post, "held");
    }

    /** The post of this thread that a reply answers; null when it answers none. */
    private Long replyTarget(ThreadRow thread, Long replyTo) {
        if (replyTo == null) return null;
        return posts.find(replyTo).filter(p -> p.threadId() == thread.id()).map(PostRow::id)
            .orElseThrow(() -> new RuleRefusedException("post-not-in-thread", "replyToPostId is not a post of this thread."));
    }

    private PostRow storeReply(Actor actor, ThreadRow thread, String body, Long replyTo, Markdown.Rendered rendered, boolean publish) {
        boolean evenIfLocked = policy.canReplyWhileLocked(actor);
        var decided = thread;
        var mentioned = rendered.mentionedUserIds();
        var stored = posts.insertReply(decided, actor.id().value(), body, rendered.html(), replyTo, evenIfLocked, publish, mentioned);
        if (stored.isEmpty()) {
            // the facts the permission rested on changed, or the thread is locked: decide again on the database's
            decided = threadManagement.current(actor, thread.id()).orElseThrow(() -> new NotFoundException("No such thread."));
            stored = posts.insertReply(decided, actor.id().value(), body, rendered.html(), replyTo, evenIfLocked, publish, mentioned);
        }
        var post = stored.orElseThrow(() -> new ConflictException("thread-locked", "This thread is locked."));
        changed(thread.id(), decided.spaceId());
        return post;
    }

    /** A new reply has no reactions yet and its author is the caller: no further queries needed. */
    private static PostView view(Actor actor, PostRow post, String moderation) {
        return new PostView(Long.toString(post.id()), Long.toString(post.threadId()), post.body(), post.bodyHtml(),
            new io.kizuna.community.Views.Author(actor.id().toString(), actor.displayName()),
            post.replyToPostId() == null ? null : Long.toString(post.replyToPostId()), false, java.util.Map.of(), post.createdAt(), null,
            moderation, null);
    }

    /** Edits a post (author or staff); the previous text is kept as a revision. */
    @Transactional
    public PostView edit(Actor actor, String postId, String body) {
        var post = require(actor, postId);
        if (!policy.canEdit(actor, new UserId(post.authorId()))) throw new ForbiddenException("Only the author or staff edit a post.");
        ContentRules.check().markdown("body", body, ContentRules.MAX_BODY).orThrow();
        if (post.deleted()) throw new ConflictException("post-deleted", "This post was deleted.");
        var screening = gate.screen(actor, Surface.COMMUNITY, body);
        var rendered = markdown.render(body);
        posts.edit(post.id(), post.body(), body, rendered.html(), actor.id().value());
        if (screening == Screening.HOLD && post.moderation() == null) {
            posts.setModeration(post.id(), "held", null);
            threads.adjustPostCount(post.threadId(), -1);
            gate.held("post", Long.toString(post.id()));
        }
        cache.changed(ReadCache.THREAD, post.threadId());
        if (!actor.id().equals(new UserId(post.authorId()))) audit.record(actor.id().value(), "post.edit", "post", post.id(), null);
        events.publishEvent(new PostEdited(post.id(), post.threadId(), actor.id().value(), rendered.mentionedUserIds()));
        return one(posts.find(post.id()).orElseThrow());
    }

    /** Soft-deletes a post (author or staff), audited. Deleting the opening post removes the thread. */
    @Transactional
    public void delete(Actor actor, String postId) {
        var post = require(actor, postId);
        if (!policy.canDelete(actor, new UserId(post.authorId()))) throw new ForbiddenException("Only the author or staff delete a post.");
        if (!posts.softDelete(post.id(), actor.id().value())) return;
        changed(post.threadId(), threadManagement.require(Optional.of(actor), Long.toString(post.threadId())).spaceId());
        audit.record(actor.id().value(), "post.delete", "post", post.id(), null);
        if (posts.firstPostId(post.threadId()).orElse(-1L) == post.id()) {
            threads.softDelete(post.threadId());
            audit.record(actor.id().value(), "thread.delete", "thread", post.threadId(), null);
        } else {
            threads.touch(post.threadId(), -1);
        }
        events.publishEvent(new PostDeleted(post.id(), post.threadId(), actor.id().value()));
    }

    /** The reactions the actor gave to these posts (which the page already showed them), keyed by post id. */
    public Map<String, Set<String>> reactionsOf(Actor actor, Collection<PostView> shown) {
        var ids = shown.stream().map(p -> Long.parseLong(p.id())).collect(java.util.stream.Collectors.toSet());
        var result = new HashMap<String, Set<String>>();
        posts.reactionsBy(actor.id().value(), ids).forEach((id, types) -> result.put(Long.toString(id), types));
        return result;
    }

    /** Adds a reaction; repeating it changes nothing. */
    @Transactional
    public PostView react(Actor actor, String postId, String type) {
        var post = reactable(actor, postId, type);
        posts.react(post.id(), actor.id().value(), type);
        cache.changed(ReadCache.THREAD, post.threadId());
        return one(post);
    }

    @Transactional
    public PostView unreact(Actor actor, String postId, String type) {
        var post = reactable(actor, postId, type);
        posts.unreact(post.id(), actor.id().value(), type);
        cache.changed(ReadCache.THREAD, post.threadId());
        return one(post);
    }

    private PostRow reactable(Actor actor, String postId, String type) {
        ContentRules.check().known("type", type != null && REACTIONS.contains(type)).orThrow();
        var post = require(actor, postId);
        gate.requireMayWrite(actor, Surface.COMMUNITY);
        if (post.deleted()) throw new ConflictException("post-deleted", "This post was deleted.");
        return post;
    }

    /**
     * The post if the actor may see it and its thread; otherwise the same 404 as for a post that does not exist, so
     * probing ids tells nothing about posts in spaces one may not see.
     */
    private PostRow require(Actor actor, String postId) {
        return posts.find(ThreadManagement.parseId(postId, "post"))
            .filter(post -> threadManagement.visible(Optional.of(actor), post.threadId()))
            .filter(post -> policy.canSeeModerated(Optional.of(actor), post.authorId(), post.moderation()))
            .orElseThrow(() -> new NotFoundException("No such post."));
    }

    private PostView one(PostRow post) {
        return views.posts(List.of(post), posts.reactionCounts(List.of(post.id()))).getFirst();
    }

    /** Renders Markdown the way a post would show it (for the reply box's preview). */
    public String preview(String body) {
        ContentRules.check().optionalText("body", body, ContentRules.MAX_BODY).orThrow();
        return markdown.toHtml(body == null ? "" : body);
    }
}
