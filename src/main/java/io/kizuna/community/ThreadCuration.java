package io.kizuna.community;

import io.kizuna.community.Views.SpaceView;
import io.kizuna.community.Views.ThreadView;
import io.kizuna.community.internal.Audit;
import io.kizuna.community.internal.ContentRules;
import io.kizuna.community.internal.Spaces;
import io.kizuna.community.internal.Threads;
import io.kizuna.community.internal.Threads.ThreadRow;
import io.kizuna.community.internal.ViewAssembler;
import io.kizuna.moderation.ContentGate;
import io.kizuna.moderation.ContentGate.Screening;
import io.kizuna.moderation.ContentGate.Surface;
import io.kizuna.moderation.ModerationPolicy;
import io.kizuna.moderation.ModerationPolicy.Standing;
import io.kizuna.moderation.StaffLog;
import io.kizuna.moderation.TrustManagement;
import io.kizuna.platform.ReadCache;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.RuleRefusedException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeping threads in shape: lock, close as off-topic, pin, move, retitle and idea statuses. Who may do which is
 * {@link ModerationPolicy}'s delegated powers (moderators of the space, ambassadors, trust levels 3 and 4); each
 * action by someone other than the thread's author goes to the moderation audit log as well as the community's.
 */
@Service
public class ThreadCuration {
    /** Which tools the thread page offers the viewer. */
    public record Tools(boolean lock, boolean close, boolean pin, boolean move, boolean retitle, boolean status) {
        public static final Tools NONE = new Tools(false, false, false, false, false, false);

        public boolean any() {
            return lock || close || pin || move || retitle || status;
        }
    }

    public static final Set<String> CLOSE_REASONS = Set.of("off_topic");

    private final ThreadManagement threadManagement;
    private final SpaceManagement spaceManagement;
    private final Spaces spaces;
    private final Threads threads;
    private final ViewAssembler views;
    private final Audit audit;
    private final ReadCache cache;
    private final ContentGate gate;
    private final TrustManagement trust;
    private final ModerationPolicy powers;
    private final StaffLog staffLog;
    private final CommunityPolicy policy;

    ThreadCuration(ThreadManagement threadManagement, SpaceManagement spaceManagement, Spaces spaces, Threads threads, ViewAssembler views,
                   Audit audit, ReadCache cache, ContentGate gate, TrustManagement trust, ModerationPolicy powers, StaffLog staffLog,
                   CommunityPolicy policy) {
        this.threadManagement = threadManagement;
        this.spaceManagement = spaceManagement;
        this.spaces = spaces;
        this.threads = threads;
        this.views = views;
        this.audit = audit;
        this.cache = cache;
        this.gate = gate;
        this.trust = trust;
        this.powers = powers;
        this.staffLog = staffLog;
        this.policy = policy;
    }

    /** The tools the viewer has on this thread (none for visitors). */
    public Tools tools(Optional<Actor> actor, ThreadView thread) {
        if (actor.isEmpty()) return Tools.NONE;
        var row = threadManagement.require(actor, thread.id());
        var s = trust.standing(actor.get());
        String space = Long.toString(row.spaceId());
        boolean pub = row.visibilityValue() == Visibility.PUBLIC;
        boolean mine = actor.get().id().value() == row.authorId();
        return new Tools(powers.canLock(s, space), powers.canCloseOffTopic(s, space) && !row.locked(), powers.canPin(s, space),
            powers.canRecategorise(s, space, pub, space, pub) || s.moderates(space), mine || powers.canRetitle(s, space, pub),
            powers.canLock(s, space) && row.kindValue() == ThreadKind.IDEA);
    }

    /** The spaces the viewer may move this thread to. */
    public List<SpaceView> moveTargets(Actor actor, ThreadView thread) {
        var row = threadManagement.require(Optional.of(actor), thread.id());
        var s = trust.standing(actor);
        boolean pub = row.visibilityValue() == Visibility.PUBLIC;
        return spaces.visible(policy.visibleSpaces(Optional.of(actor))).stream()
            .filter(sp -> sp.id() != row.spaceId())
            .filter(sp -> powers.canRecategorise(s, Long.toString(row.spaceId()), pub, Long.toString(sp.id()), sp.visibilityValue() == Visibility.PUBLIC))
            .map(views::space).toList();
    }

    @Transactional
    public ThreadView setLocked(Actor actor, String threadId, boolean locked) {
        var t = load(actor, threadId);
        require(powers.canLock(standing(actor), space(t)));
        threads.setLocked(t.id(), locked, null);
        return done(actor, t, locked ? "thread.lock" : "thread.unlock", null);
    }

    /** Closes (locks) a thread as off-topic, the ambassadors' tool; reopening it is a moderator's unlock. */
    @Transactional
    public ThreadView close(Actor actor, String threadId, String reason) {
        if (reason == null || !CLOSE_REASONS.contains(reason)) throw new InvalidInputException("reason", "validation.unknownValue");
        var t = load(actor, threadId);
        require(powers.canCloseOffTopic(standing(actor), space(t)));
        threads.setLocked(t.id(), true, reason);
        return done(actor, t, "thread.close", reason);
    }

    @Transactional
    public ThreadView setPinned(Actor actor, String threadId, boolean pinned) {
        var t = load(actor, threadId);
        require(powers.canPin(standing(actor), space(t)));
        threads.setPinned(t.id(), pinned);
        return done(actor, t, pinned ? "thread.pin" : "thread.unpin", null);
    }

    @Transactional
    public ThreadView move(Actor actor, String threadId, String toSpaceSlug) {
        var t = load(actor, threadId);
        var target = spaceManagement.require(Optional.of(actor), toSpaceSlug);
        require(powers.canRecategorise(standing(actor), space(t), t.visibilityValue() == Visibility.PUBLIC, Long.toString(target.id()),
            target.visibilityValue() == Visibility.PUBLIC));
        threads.move(t.id(), target.id());
        cache.changed(ReadCache.SPACE, target.id());
        return done(actor, t, "thread.move", t.spaceSlug() + " -> " + target.slug());
    }

    /** A new title, screened like any words; the author, moderators, and trust level 3 and up in public spaces. */
    @Transactional
    public ThreadView retitle(Actor actor, String threadId, String title) {
        var t = load(actor, threadId);
        boolean mine = actor.id().value() == t.authorId();
        if (!mine) require(powers.canRetitle(standing(actor), space(t), t.visibilityValue() == Visibility.PUBLIC));
        ContentRules.check().text("title", title, ContentRules.MAX_TITLE).orThrow();
        if (gate.screen(actor, Surface.COMMUNITY, title) == Screening.HOLD) {
            gate.notStored(actor, title); // so trying the same title again is no duplicate
            throw new RuleRefusedException("title-needs-review", "This title contains a word that needs a moderator's review; it was not changed.");
        }
        threads.retitle(t.id(), title.strip());
        return done(actor, t, "thread.retitle", t.title() + " -> " + title.strip());
    }

    /** Staff set an idea's status (open, under review, planned, in progress, shipped, declined) with a comment. */
    @Transactional
    public ThreadView setIdeaStatus(Actor actor, String threadId, String status, String comment) {
        var t = load(actor, threadId);
        require(powers.canLock(standing(actor), space(t)));
        if (t.kindValue() != ThreadKind.IDEA) throw new RuleRefusedException("not-an-idea", "Only ideas have a status.");
        ContentRules.check().known("status", status != null && ThreadManagement.IDEA_STATUSES.contains(status))
            .optionalText("comment", comment, ContentRules.MAX_DESCRIPTION).orThrow();
        threads.setStatus(t.id(), status, ContentRules.isBlank(comment) ? null : comment.strip());
        return done(actor, t, "idea.status", status);
    }

    /** The thread (404 if the actor may not see it); members who may not write now (suspended, banned) curate nothing. */
    private ThreadRow load(Actor actor, String threadId) {
        var t = threadManagement.require(Optional.of(actor), threadId);
        if (!actor.isStaff()) gate.requireMayWrite(actor, Surface.COMMUNITY);
        return t;
    }

    private Standing standing(Actor actor) {
        return trust.standing(actor);
    }

    private static String space(ThreadRow t) {
        return Long.toString(t.spaceId());
    }

    private static void require(boolean allowed) {
        if (!allowed) throw new ForbiddenException("You may not do this to this thread.");
    }

    private ThreadView done(Actor actor, ThreadRow t, String action, String detail) {
        audit.record(actor.id().value(), action, "thread", t.id(), detail);
        if (actor.id().value() != t.authorId() || actor.isStaff()) {
            staffLog.record(actor, action, "thread", Long.toString(t.id()), t.authorId(), space(t), detail);
        }
        cache.changed(ReadCache.THREAD, t.id());
        cache.changed(ReadCache.SPACE, t.spaceId());
        return views.thread(threads.find(t.id(), actor.id().value()).orElseThrow());
    }
}
