package io.kizuna.community;

import io.kizuna.community.CommunityPolicy.SpaceAccess;
import io.kizuna.community.Events.AnswerAccepted;
import io.kizuna.community.Events.ThreadStarted;
import io.kizuna.community.Views.ThreadView;
import io.kizuna.community.internal.ContentRules;
import io.kizuna.community.internal.Markdown;
import io.kizuna.community.internal.PollWriter;
import io.kizuna.community.internal.Posts;
import io.kizuna.community.internal.Publishing;
import io.kizuna.platform.ReadCache;
import io.kizuna.community.internal.Spaces;
import io.kizuna.community.internal.Threads;
import io.kizuna.community.internal.Threads.ThreadRow;
import io.kizuna.moderation.ContentGate;
import io.kizuna.moderation.ContentGate.Screening;
import io.kizuna.moderation.ContentGate.Surface;
import io.kizuna.community.internal.ViewAssembler;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.shared.UserId;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Threads: start, list, read, accept an answer, vote on ideas (lock, pin, move and the like are {@link ThreadCuration}). */
@Service
public class ThreadManagement {
    /** A new thread with its opening post and, optionally, a poll. */
    public record NewThread(String title, String body, String kind, PollManagement.NewPoll poll) {
        public NewThread(String title, String body, String kind) {
            this(title, body, kind, null);
        }
    }

    public static final Set<String> IDEA_STATUSES = Set.of("open", "under_review", "planned", "in_progress", "shipped", "declined");

    /** Facts behind a write's permission, re-checked by the write itself: kept longer than the read cache's second. */
    private static final String WRITE_FACTS = "thread-write";
    private static final java.time.Duration WRITE_FACTS_TTL = java.time.Duration.ofSeconds(30);

    private final SpaceManagement spaceManagement;
    private final Spaces spaces;
    private final Threads threads;
    private final Posts posts;
    private final Markdown markdown;
    private final CommunityPolicy policy;
    private final ViewAssembler views;
    private final ApplicationEventPublisher events;
    private final Publishing publishing;
    private final ReadCache cache;
    private final PollWriter pollWriter;
    private final ContentGate gate;

    ThreadManagement(Publishing publishing, ContentGate gate, PollWriter pollWriter, SpaceManagement spaceManagement, Spaces spaces, Threads threads, Posts posts, Markdown markdown,
                     CommunityPolicy policy, ViewAssembler views, ApplicationEventPublisher events,
                     ReadCache cache) {
        this.cache = cache;
        this.pollWriter = pollWriter;
        this.gate = gate;
        this.spaceManagement = spaceManagement;
        this.spaces = spaces;
        this.threads = threads;
        this.posts = posts;
        this.markdown = markdown;
        this.policy = policy;
        this.views = views;
        this.events = events;
        this.publishing = publishing;
    }

    @Transactional
    public ThreadView start(Actor actor, String spaceSlug, NewThread form) {
        var space = spaceManagement.require(Optional.of(actor), spaceSlug);
        var kind = ThreadKind.fromCode(form.kind());
        ContentRules.check()
            .text("title", form.title(), ContentRules.MAX_TITLE)
            .markdown("body", form.body(), ContentRules.MAX_BODY)
            .known("kind", kind.isPresent())
            .orThrow();
        if (form.poll() != null) pollWriter.validate(form.poll());
        // require() has already checked that the actor may see the space (membership included)
        if (!policy.canStartThread(actor, new SpaceAccess(space.id(), space.visibilityValue(), true), kind.get())) {
            throw new ForbiddenException("Only staff post announcements.");
        }
        var screening = gate.screen(actor, Surface.COMMUNITY, form.title() + "\n" + form.body());
        long id = threads.insert(space.id(), kind.get(), form.title().strip(), actor.id().value());
        var rendered = markdown.render(form.body());
        var post = posts.insert(id, actor.id().value(), form.body(), rendered.html(), null);
        threads.touch(id, 1);
        if (form.poll() != null) pollWriter.add(id, form.poll());
        cache.changed(ReadCache.THREAD, id);
        cache.changed(ReadCache.SPACE, space.id());
        if (screening == Screening.HOLD) {
            // stored but shown to its author and staff only until a moderator restores it (which then announces it)
            threads.setModeration(id, "held", null);
            gate.held("thread", Long.toString(id));
        } else {
            events.publishEvent(new ThreadStarted(id, space.id(), actor.id().value()));
            publishing.publish(post.id(), id, actor.id().value(), true, rendered.mentionedUserIds());
        }
        return views.thread(threads.find(id, actor.id().value()).orElseThrow());
    }

    /** A space's threads, pinned first, then by latest activity; the page is shared by all viewers (see {@link ReadCache}). */
    public Page<ThreadView> list(Optional<Actor> actor, String spaceSlug, PageRequest page) {
        var space = spaceManagement.require(actor, spaceSlug);
        Boolean afterPinned = null;
        OffsetDateTime afterActivity = null;
        Long afterId = null;
        if (!page.isFirst()) {
            afterPinned = Boolean.parseBoolean(page.afterString(0));
            afterActivity = page.afterTime(1);
            afterId = page.afterLong(2);
        }
        Boolean pinned = afterPinned;
        OffsetDateTime activity = afterActivity;
        Long id = afterId;
        var shared = cache.read(cache.key(ReadCache.SPACE, space.id(), "threads:" + page), () -> {
            var result = Page.fromOverfetch(threads.page(space.id(), 0, pinned, activity, id, page.limit() + 1), page.limit(),
                t -> PageRequest.encode(t.pinned(), t.lastActivityAt(), t.id()));
            return new SharedPage(result, views.threads(result.items()));
        });
        var rows = shared.rows().items();
        var mine = withViewerVotes(actor, rows);
        // the shared views serve everyone whose own idea votes change nothing on this page
        return new Page<>(mine == rows ? shared.views() : views.threads(mine), shared.rows().nextCursor());
    }

    /** A page of a space's threads as everyone allowed to see it gets it: the rows and their views with authors' names. */
    private record SharedPage(Page<ThreadRow> rows, List<ThreadView> views) {}

    public ThreadView view(Optional<Actor> actor, String threadId) {
        return views.thread(withViewerVotes(actor, List.of(require(actor, threadId))).getFirst());
    }

    /** The viewer's own idea votes on top of the shared rows: one query, and only when ideas are on the page. */
    private List<ThreadRow> withViewerVotes(Optional<Actor> actor, List<ThreadRow> rows) {
        if (actor.isEmpty()) return rows;
        var ideas = rows.stream().filter(t -> t.kindValue() == ThreadKind.IDEA).map(ThreadRow::id).toList();
        if (ideas.isEmpty()) return rows;
        var voted = threads.votedAmong(ideas, actor.get().id().value());
        return rows.stream().map(t -> voted.contains(t.id()) ? t.withViewerVoted() : t).toList();
    }

    /** Fresh from the database with the caller's vote, for answers to writes (the cache moves on only after commit). */
    private ThreadView fresh(Actor actor, long threadId) {
        return views.thread(threads.find(threadId, actor.id().value()).orElseThrow());
    }

    /** After a write to a thread: its page and its space's list are read anew once the write commits. */
    private void changed(ThreadRow thread) {
        cache.changed(ReadCache.THREAD, thread.id());
        cache.changed(ReadCache.SPACE, thread.spaceId());
    }

    /** Marks a reply as the accepted answer of a question; the asker or staff. */
    @Transactional
    public ThreadView accept(Actor actor, String threadId, String postId) {
        long pid = bodyId("postId", postId);
        var thread = require(Optional.of(actor), threadId);
        gate.requireMayWrite(actor, Surface.COMMUNITY);
        if (thread.kindValue() != ThreadKind.QUESTION) throw new RuleRefusedException("not-a-question", "Only question threads have accepted answers.");
        if (!policy.canAccept(actor, new UserId(thread.authorId()))) throw new ForbiddenException("Only the asker or staff accept an answer.");
        var post = posts.find(pid).filter(p -> p.threadId() == thread.id() && !p.deleted())
            .orElseThrow(() -> new RuleRefusedException("post-not-in-thread", "The post is not a reply in this thread."));
        if (posts.firstPostId(thread.id()).orElse(-1L) == pid) {
            throw new RuleRefusedException("opening-post", "The question itself cannot be its answer.");
        }
        threads.accept(thread.id(), pid);
        changed(thread);
        events.publishEvent(new AnswerAccepted(thread.id(), pid, post.authorId(), actor.id().value()));
        return fresh(actor, thread.id());
    }

    /** One vote per member on an idea; a second vote is a 409. */
    @Transactional
    public ThreadView vote(Actor actor, String threadId) {
        var thread = requireIdea(actor, threadId);
        if (!threads.vote(thread.id(), actor.id().value())) throw new ConflictException("already-voted", "You have already voted for this idea.");
        changed(thread);
        return fresh(actor, thread.id());
    }

    @Transactional
    public ThreadView unvote(Actor actor, String threadId) {
        var thread = requireIdea(actor, threadId);
        if (threads.unvote(thread.id(), actor.id().value())) changed(thread);
        return fresh(actor, thread.id());
    }

    /** A live thread's facts (the same for every viewer), through the read cache. */
    Optional<ThreadRow> facts(long id) {
        return cache.read(cache.key(ReadCache.THREAD, id, "facts"), () -> threads.find(id, 0));
    }

    /** The thread if the actor may see its space; 404 otherwise (also for deleted threads and malformed ids). */
    ThreadRow require(Optional<Actor> actor, String threadId) {
        long id = parseId(threadId, "thread");
        return allowed(actor, facts(id)).orElseThrow(() -> new NotFoundException("No such thread."));
    }

    /** Whether the actor may see this live thread (the rule of {@link #require}, for callers that answer their own 404). */
    boolean visible(Optional<Actor> actor, long threadId) {
        return allowed(actor, facts(threadId)).isPresent();
    }

    /**
     * The same for a write whose own statement re-checks the facts the permission rests on ({@link
     * Posts#insertReply}: space, its visibility, the thread's moderation). Those facts stay cached for
     * {@link #WRITE_FACTS_TTL}, so a thread's replies cost no read of it; they are trusted only to allow, so a refusal
     * is decided on facts read again, and the write's check catches an allowance that went stale.
     */
    ThreadRow requireForWrite(Actor actor, long id) {
        return allowed(Optional.of(actor), cache.read(cache.key(WRITE_FACTS, id, "facts"), WRITE_FACTS_TTL, () -> threads.find(id, 0)))
            .or(() -> current(actor, id))
            .orElseThrow(() -> new NotFoundException("No such thread."));
    }

    /** The thread as it is in the database now, if the actor may see it (after a write's re-check failed). */
    Optional<ThreadRow> current(Actor actor, long id) {
        return allowed(Optional.of(actor), threads.find(id, 0));
    }

    private Optional<ThreadRow> allowed(Optional<Actor> actor, Optional<ThreadRow> facts) {
        return facts.filter(t -> spaceManagement.canSee(actor, t.spaceId(), t.visibilityValue())
            && policy.canSeeModerated(actor, t.authorId(), t.moderation()));
    }

    private ThreadRow requireIdea(Actor actor, String threadId) {
        var thread = require(Optional.of(actor), threadId);
        gate.requireMayWrite(actor, Surface.COMMUNITY);
        if (thread.kindValue() != ThreadKind.IDEA) throw new RuleRefusedException("not-an-idea", "Only idea threads take votes.");
        return thread;
    }

    /** An id in the path: a malformed one names nothing, so it is a 404 like an id of nothing. */
    static long parseId(String id, String what) {
        return positive(id).orElseThrow(() -> new NotFoundException("No such " + what + "."));
    }

    /** An id in a request body: a missing or malformed one is bad input (400); whether it names something is the caller's check. */
    static long bodyId(String field, String id) {
        if (id == null || id.isBlank()) throw new InvalidInputException(field, "validation.required");
        return positive(id).orElseThrow(() -> new InvalidInputException(field, "validation.invalidId"));
    }

    private static OptionalLong positive(String id) {
        try {
            long v = Long.parseLong(id);
            if (v > 0) return OptionalLong.of(v);
        } catch (NumberFormatException e) {
            // malformed, null included
        }
        return OptionalLong.empty();
    }
}
