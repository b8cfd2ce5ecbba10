package io.kizuna.moderation;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.moderation.ModerationPolicy.Scope;
import io.kizuna.moderation.Views.CaseDetail;
import io.kizuna.moderation.Views.CaseView;
import io.kizuna.moderation.Views.ReportView;
import io.kizuna.moderation.internal.AuditLog;
import io.kizuna.moderation.internal.Cases;
import io.kizuna.moderation.internal.Cases.CaseRow;
import io.kizuna.moderation.internal.Guidelines;
import io.kizuna.moderation.internal.ModerationMails;
import io.kizuna.moderation.internal.Sanctions;
import io.kizuna.moderation.internal.Scopes;
import io.kizuna.moderation.internal.Targets;
import io.kizuna.moderation.internal.TrustCache;
import io.kizuna.moderation.internal.ViewMaker;
import io.kizuna.platform.RateLimiter;
import io.kizuna.platform.ReadCache;
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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reports merged into cases, the moderation queue, and the actions moderators take on a case. */
@Service
public class ModerationManagement {
    public static final List<String> REASONS = List.of("spam", "harassment", "personal_info", "illegal", "off_topic", "other");
    public static final List<String> ACTIONS = List.of("hide", "restore", "dismiss", "warn", "suspend", "ban", "escalate");
    public static final List<String> STATUSES = List.of("open", "escalated", "resolved", "all");
    /** The reason of a case the gate opened for content held by a banned word. */
    public static final String HELD_REASON = "held_for_review";
    private static final int MAX_NOTE = 2000;

    public record NewReport(String targetType, String targetId, String reason, String note) {}

    public record Action(String action, String note, Integer days, String route) {}

    /** Queue filters as sent: {@code status} open (default: open and escalated), escalated, resolved or all. */
    public record QueueQuery(String status, String reason, String space, String route, String targetType) {
        public QueueQuery {
            status = blank(status);
            reason = blank(reason);
            space = blank(space);
            route = blank(route);
            targetType = blank(targetType);
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    /** A moderation action happened; notifications and analytics may listen. */
    public record ActionTaken(long caseId, long auditId, String action, long moderatorId, Long subjectId) {}

    private final Cases cases;
    private final AuditLog audit;
    private final Sanctions sanctions;
    private final Targets targets;
    private final Scopes scopes;
    private final ModerationPolicy policy;
    private final ModerationMails mails;
    private final ViewMaker views;
    private final Guidelines guidelines;
    private final IdentityManagement identity;
    private final RateLimiter limiter;
    private final ApplicationEventPublisher events;
    private final TrustCache trust;
    private final ModerationOptions options;
    private final ReadCache cache;

    ModerationManagement(Cases cases, AuditLog audit, Sanctions sanctions, Targets targets, Scopes scopes, ModerationPolicy policy,
                         ModerationMails mails, ViewMaker views, Guidelines guidelines, IdentityManagement identity, RateLimiter limiter,
                         ApplicationEventPublisher events, TrustCache trust, ModerationOptions options, ReadCache cache) {
        this.cache = cache;
        this.trust = trust;
        this.options = options;
        this.cases = cases;
        this.audit = audit;
        this.sanctions = sanctions;
        this.targets = targets;
        this.scopes = scopes;
        this.policy = policy;
        this.mails = mails;
        this.views = views;
        this.guidelines = guidelines;
        this.identity = identity;
        this.limiter = limiter;
        this.events = events;
    }

    /**
     * A member reports something they can see; reports on one target merge into its open case. One report per target per
     * member. A report weighs by its reporter's trust level ({@link ModerationPolicy#reportWeight}); when a case's weight
     * reaches the options' {@code flagHoldWeight}, the content is held pending review until a moderator decides.
     */
    @Transactional
    public ReportView report(Actor actor, NewReport form) {
        var problems = new ArrayList<FieldProblem>();
        if (form.targetType() == null || !targets.types().contains(form.targetType())) problems.add(new FieldProblem("targetType", "validation.unknownValue"));
        if (form.targetId() == null || form.targetId().isBlank()) problems.add(new FieldProblem("targetId", "validation.required"));
        if (form.reason() == null || !REASONS.contains(form.reason())) problems.add(new FieldProblem("reason", "validation.unknownValue"));
        if (form.note() != null && form.note().length() > MAX_NOTE) problems.add(new FieldProblem("note", "validation.tooLong"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        var target = targets.require(form.targetType());
        var content = target.find(form.targetId()).filter(c -> target.canSee(form.targetId(), actor))
            .orElseThrow(() -> new NotFoundException("No such " + form.targetType() + "."));
        if (actor.id().equals(content.author())) throw new RuleRefusedException("own-content", "You cannot report your own content.");
        if (cases.reported(content.targetType(), content.targetId(), actor.id().value())) {
            throw new ConflictException("already-reported", "You have already reported this.");
        }
        limiter.acquire("moderation.report", actor.id().toString(), 30, Duration.ofHours(1));
        int weight = policy.reportWeight(actor, trust.level(actor.id().value()));
        var merged = cases.merge(content.targetType(), content.targetId(), content.spaceId(),
            content.author() == null ? null : content.author().value(), content.excerpt(), content.url(), form.reason(), 1, weight, false);
        Cases.ReportRow r;
        try {
            r = cases.insertReport(merged.id(), content.targetType(), content.targetId(), actor.id().value(), form.reason(),
                form.note() == null || form.note().isBlank() ? null : form.note().strip(), weight);
        } catch (DuplicateKeyException e) { // the same member reporting twice at once: the transaction rolls back the merge too
            throw new ConflictException("already-reported", "You have already reported this.");
        }
        int threshold = options.current().flagHoldWeight();
        if (threshold > 0 && merged.flagWeight() >= threshold && !merged.held() && !content.hidden() && !"member".equals(content.targetType())) {
            target.holdForReview(content.targetId());
            cases.markHeld(merged.id());
        }
        return new ReportView(Long.toString(r.id()), Long.toString(r.caseId()), r.targetType(), r.targetId(), r.reason(), r.note(), r.weight(),
            r.createdAt());
    }

    /** Opens (or joins) a case for content the gate held for review, in the writing transaction. */
    @Transactional
    public void openHeldCase(String targetType, String targetId) {
        targets.of(targetType).flatMap(t -> t.find(targetId)).ifPresent(c -> cases.merge(c.targetType(), c.targetId(), c.spaceId(),
            c.author() == null ? null : c.author().value(), c.excerpt(), c.url(), HELD_REASON, 0, 0, true));
    }

    public Scope scope(Actor actor) {
        return scopes.of(actor);
    }

    /**
     * The queue: unresolved cases oldest first (or resolved ones newest first), limited to what the actor moderates. A
     * page is shared for a second by the moderators of the same scope ({@link ReadCache}); writes to cases on this node
     * show at once, on other nodes within that second.
     */
    public Page<CaseView> queue(Actor actor, QueueQuery q, PageRequest page) {
        var scope = scopes.of(actor);
        policy.requireQueue(scope);
        var problems = new ArrayList<FieldProblem>();
        if (q.status() != null && !STATUSES.contains(q.status())) problems.add(new FieldProblem("status", "validation.unknownValue"));
        if (q.reason() != null && !REASONS.contains(q.reason()) && !HELD_REASON.equals(q.reason())) problems.add(new FieldProblem("reason", "validation.unknownValue"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        String spaceId = null;
        // a space outside a scoped moderator's spaces is refused as an unknown one, so slugs of private spaces cannot be probed
        if (q.space() != null) spaceId = views.spaceId(q.space()).filter(id -> scope.global() || scope.spaces().contains(id))
            .orElseThrow(() -> new InvalidInputException("space", "validation.unknownValue"));
        OffsetDateTime afterOpened = null;
        Long afterId = null;
        if (!page.isFirst()) {
            afterOpened = page.afterTime(0);
            afterId = page.afterLong(1);
        }
        var filter = new Cases.Filter(q.status(), q.reason(), spaceId, q.route(), q.targetType(), scope.spaces(), scope.routes(), !scope.global());
        OffsetDateTime opened = afterOpened;
        Long after = afterId;
        // the same page for every moderator with the same scope, for a second (a case written on this node shows at once)
        String key = cache.key(Cases.QUEUE, 0, (scope.global() ? "*" : scope.spaces() + "/" + scope.routes()) + "|" + filter.status() + "|"
            + filter.reason() + "|" + filter.spaceId() + "|" + filter.route() + "|" + filter.targetType() + "|" + page);
        return cache.read(key, () -> {
            var rows = cases.page(filter, opened, after, page.limit() + 1);
            var result = Page.fromOverfetch(rows, page.limit(), c -> PageRequest.encode(c.openedAt(), c.id()));
            return new Page<>(views.cases(result.items()), result.nextCursor());
        });
    }

    /** A case with its reports, actions and the author's history; 404 when it does not exist, 403 outside the actor's scope. */
    public CaseDetail detail(Actor actor, String caseId) {
        var scope = scopes.of(actor);
        policy.requireQueue(scope);
        var c = followTarget(cases.find(parseId(caseId)).orElseThrow(() -> new NotFoundException("No such case.")));
        if (!policy.canActOn(scope, c.spaceId(), c.route())) throw new ForbiddenException("This case is outside the spaces you moderate.");
        return views.detail(c, cases.reports(c.id()), audit.forCase(c.id()), allowedActions(c), scope);
    }

    /**
     * The case as its target is now. A thread moved to another space since the report takes its cases along (and those
     * of its posts), so the moderators of the old space no longer read or decide them, as they could not see a private
     * space's content; the stored space moves too, so the queue follows.
     */
    private CaseRow followTarget(CaseRow c) {
        var now = targets.of(c.targetType()).flatMap(t -> t.find(c.targetId())).map(ReportedContent::spaceId);
        if (now.isEmpty() || now.get().equals(c.spaceId())) return c;
        cases.moveToSpace(c.id(), now.get());
        return cases.find(c.id()).orElseThrow();
    }

    /**
     * A member's sanctions, earlier cases and the actions taken about them (moderators): a moderator of some spaces or
     * routes sees only the cases and actions in what they moderate.
     */
    public io.kizuna.moderation.Views.MemberHistory history(Actor actor, String memberId) {
        var scope = scopes.of(actor);
        policy.requireQueue(scope);
        var id = UserId.parse(memberId);
        if (identity.actor(id).isEmpty()) throw new NotFoundException("No such member.");
        return views.history(id.value(), scope);
    }

    private List<String> allowedActions(CaseRow c) {
        boolean content = !"member".equals(c.targetType());
        var list = new ArrayList<String>();
        for (var a : ACTIONS) {
            if (!content && (a.equals("hide") || a.equals("restore"))) continue;
            if (c.authorId() == null && Set.of("warn", "suspend", "ban").contains(a)) continue;
            list.add(a);
        }
        return list;
    }

    /** Takes one action on a case (locked while it runs), logs it, and tells whom it concerns. */
    @Transactional
    public CaseView act(Actor actor, String caseId, Action form) {
        var problems = new ArrayList<FieldProblem>();
        if (form.action() == null || !ACTIONS.contains(form.action())) problems.add(new FieldProblem("action", "validation.unknownValue"));
        if (form.note() != null && form.note().length() > MAX_NOTE) problems.add(new FieldProblem("note", "validation.tooLong"));
        if ("suspend".equals(form.action()) && (form.days() == null || form.days() < 1 || form.days() > 3650)) problems.add(new FieldProblem("days", "moderation.validation.days"));
        if ("escalate".equals(form.action()) && (form.route() == null || form.route().isBlank())) problems.add(new FieldProblem("route", "validation.required"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        var scope = scopes.of(actor);
        policy.requireQueue(scope);
        var c = followTarget(cases.lock(parseId(caseId)).orElseThrow(() -> new NotFoundException("No such case.")));
        if (!policy.canActOn(scope, c.spaceId(), c.route())) throw new ForbiddenException("This case is outside the spaces you moderate.");
        if (!allowedActions(c).contains(form.action())) throw new RuleRefusedException("action-not-applicable", "This action does not apply to a " + c.targetType() + ".");
        String note = form.note() == null || form.note().isBlank() ? null : form.note().strip();
        Long subject = c.authorId();
        if (Set.of("warn", "suspend", "ban").contains(form.action())) {
            var role = identity.actor(new UserId(subject)).map(Actor::role).orElseThrow(() -> new RuleRefusedException("member-gone", "The member no longer exists."));
            if (!policy.canSanction(actor, role)) throw new ForbiddenException("Only admins sanction staff, and nobody sanctions an owner.");
        }
        String reasonText = note != null ? note : String.join(", ", c.reasons());
        String detail = note;
        switch (form.action()) {
            case "hide" -> {
                targets.require(c.targetType()).hide(c.targetId(), reasonText);
                cases.responded(c.id(), "resolved", "hidden", null);
            }
            case "restore" -> {
                targets.require(c.targetType()).restore(c.targetId());
                cases.responded(c.id(), "resolved", "restored", null);
            }
            case "dismiss" -> {
                // a dismissed hold means the content was fine: it is published
                if (c.held()) targets.require(c.targetType()).restore(c.targetId());
                cases.responded(c.id(), "resolved", "dismissed", null);
            }
            case "warn" -> cases.responded(c.id(), "resolved", "warned", null);
            case "suspend" -> {
                sanctions.suspend(subject, form.days(), reasonText);
                detail = form.days() + "d" + (note == null ? "" : ": " + note);
                cases.responded(c.id(), "resolved", "suspended", null);
            }
            case "ban" -> {
                sanctions.ban(subject, reasonText);
                cases.responded(c.id(), "resolved", "banned", null);
            }
            case "escalate" -> {
                var route = views.route(form.route()).orElseThrow(() -> new RuleRefusedException("unknown-route", "No such escalation route."));
                cases.responded(c.id(), "escalated", null, route.code());
                detail = route.code() + (note == null ? "" : ": " + note);
            }
            default -> throw new IllegalStateException(form.action());
        }
        Long auditSubject = Set.of("hide", "warn", "suspend", "ban").contains(form.action()) ? subject : null;
        long auditId = audit.record(actor.id().value(), form.action(), c.id(), c.targetType(), c.targetId(), auditSubject, c.spaceId(), detail);
        notify(c, form, reasonText, auditId);
        events.publishEvent(new ActionTaken(c.id(), auditId, form.action(), actor.id().value(), auditSubject));
        return views.cases(List.of(cases.find(c.id()).orElseThrow())).getFirst();
    }

    private void notify(CaseRow c, Action form, String reason, long auditId) {
        String appeal = "/moderation/appeals/new?action=" + auditId;
        switch (form.action()) {
            case "hide" -> mails.toMember(c.authorId(), "hidden", reason, c.url() == null ? appeal : appeal, null, null);
            case "warn" -> mails.toMember(c.authorId(), "warned", reason, appeal, guidelines.current().map(Guidelines.Version::body).orElse(null), null);
            case "suspend" -> mails.toMember(c.authorId(), "suspended", reason, appeal, null, form.days());
            case "ban" -> mails.toMember(c.authorId(), "banned", reason, appeal, null, null);
            case "escalate" -> views.route(form.route()).ifPresent(r -> r.staffIds().forEach(id ->
                mails.toMember(id, "escalated", reason, "/moderation/cases/" + c.id(), null, null)));
            default -> { }
        }
    }

    static long parseId(String id) {
        try {
            long v = Long.parseLong(id);
            if (v > 0) return v;
        } catch (NumberFormatException | NullPointerException e) {
            // fall through
        }
        throw new NotFoundException("No such case.");
    }
}
