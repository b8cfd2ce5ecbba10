package io.kizuna.moderation;

import io.kizuna.moderation.Views.AppealView;
import io.kizuna.moderation.Views.MyAction;
import io.kizuna.moderation.internal.Appeals;
import io.kizuna.moderation.internal.Appeals.AppealRow;
import io.kizuna.moderation.internal.AuditLog;
import io.kizuna.moderation.internal.AuditLog.AuditRow;
import io.kizuna.moderation.internal.Cases;
import io.kizuna.moderation.internal.ModerationMails;
import io.kizuna.moderation.internal.Sanctions;
import io.kizuna.moderation.internal.Scopes;
import io.kizuna.moderation.internal.Targets;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.InvalidInputException.FieldProblem;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appeals: the member an action concerned (content hidden, warned, suspended, banned) appeals it once; a moderator other
 * than the one who acted upholds or overturns it, and overturning undoes the action.
 */
@Service
public class AppealManagement {
    public static final Set<String> APPEALABLE = Set.of("hide", "warn", "suspend", "ban");
    private static final int MAX_BODY = 4000;

    public record NewAppeal(String actionId, String body) {}

    public record Decision(String outcome, String note) {}

    private final Appeals appeals;
    private final AuditLog audit;
    private final Cases cases;
    private final Sanctions sanctions;
    private final Targets targets;
    private final Scopes scopes;
    private final ModerationPolicy policy;
    private final ModerationMails mails;

    AppealManagement(Appeals appeals, AuditLog audit, Cases cases, Sanctions sanctions, Targets targets, Scopes scopes,
                     ModerationPolicy policy, ModerationMails mails) {
        this.appeals = appeals;
        this.audit = audit;
        this.cases = cases;
        this.sanctions = sanctions;
        this.targets = targets;
        this.scopes = scopes;
        this.policy = policy;
        this.mails = mails;
    }

    /** The actions taken about the caller, newest first, with their appeals. */
    public List<MyAction> mine(Actor actor) {
        return audit.aboutMember(actor.id().value(), 50).stream().filter(a -> APPEALABLE.contains(a.action()))
            .map(a -> new MyAction(Long.toString(a.id()), a.action(), a.targetType(), a.targetId(), a.detail(), a.at(),
                appeals.forAction(a.id()).map(AppealRow::status).orElse(null)))
            .toList();
    }

    /** One appeal per action, by the member it concerned; anyone else gets 404 (the action is not theirs to see). */
    @Transactional
    public AppealView appeal(Actor actor, NewAppeal form) {
        var problems = new ArrayList<FieldProblem>();
        if (form.actionId() == null || form.actionId().isBlank()) problems.add(new FieldProblem("actionId", "validation.required"));
        if (form.body() == null || form.body().isBlank()) problems.add(new FieldProblem("body", "validation.required"));
        else if (form.body().length() > MAX_BODY) problems.add(new FieldProblem("body", "validation.tooLong"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        var action = audit.find(ModerationManagement.parseId(form.actionId()))
            .filter(a -> APPEALABLE.contains(a.action()) && a.subjectId() != null && a.subjectId() == actor.id().value())
            .orElseThrow(() -> new NotFoundException("No such action."));
        var row = appeals.insert(action.id(), actor.id().value(), form.body().strip())
            .orElseThrow(() -> new ConflictException("already-appealed", "This action was already appealed."));
        return view(row, action);
    }

    /** Pending appeals on cases the caller moderates. */
    public Page<AppealView> pending(Actor actor, PageRequest page) {
        var scope = scopes.of(actor);
        policy.requireQueue(scope);
        Long after = page.isFirst() ? null : page.afterLong(0);
        var rows = Page.fromOverfetch(appeals.pending(after, page.limit() + 1), page.limit(), a -> PageRequest.encode(a.id()));
        var items = rows.items().stream().map(a -> view(a, audit.find(a.auditId()).orElseThrow()))
            .filter(v -> inScope(scope, v)).toList();
        return new Page<>(items, rows.nextCursor());
    }

    private boolean inScope(ModerationPolicy.Scope scope, AppealView v) {
        if (scope.global()) return true;
        return v.caseId() != null && cases.find(Long.parseLong(v.caseId())).map(c -> policy.canActOn(scope, c.spaceId(), c.route())).orElse(false);
    }

    public AppealView view(Actor actor, String appealId) {
        var scope = scopes.of(actor);
        var a = appeals.find(ModerationManagement.parseId(appealId)).orElseThrow(() -> new NotFoundException("No such appeal."));
        var v = view(a, audit.find(a.auditId()).orElseThrow());
        if (a.appellantId() != actor.id().value() && !(policy.canUseQueue(scope) && inScope(scope, v))) throw new NotFoundException("No such appeal.");
        return v;
    }

    /** Upholds or overturns; only a moderator of the case other than the one who acted. Overturning undoes the action. */
    @Transactional
    public AppealView decide(Actor actor, String appealId, Decision form) {
        var problems = new ArrayList<FieldProblem>();
        if (form.outcome() == null || !Set.of("uphold", "overturn").contains(form.outcome())) problems.add(new FieldProblem("outcome", "validation.unknownValue"));
        if (form.note() != null && form.note().length() > MAX_BODY) problems.add(new FieldProblem("note", "validation.tooLong"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        var scope = scopes.of(actor);
        policy.requireQueue(scope);
        var appeal = appeals.lock(ModerationManagement.parseId(appealId)).orElseThrow(() -> new NotFoundException("No such appeal."));
        var action = audit.find(appeal.auditId()).orElseThrow();
        var c = action.caseId() == null ? null : cases.find(action.caseId()).orElse(null);
        if (!policy.canActOn(scope, c == null ? null : c.spaceId(), c == null ? null : c.route())) {
            throw new ForbiddenException("This appeal is outside the spaces you moderate.");
        }
        if (!policy.canDecideAppeal(scope, c == null ? null : c.spaceId(), c == null ? null : c.route(), action.actorId())) {
            throw new ForbiddenException("same-moderator", "An appeal is decided by a different moderator than the one who acted.");
        }
        if (!"pending".equals(appeal.status())) throw new ConflictException("already-decided", "This appeal was already decided.");
        boolean overturn = form.outcome().equals("overturn");
        String note = form.note() == null || form.note().isBlank() ? null : form.note().strip();
        appeals.decide(appeal.id(), overturn ? "overturned" : "upheld", actor.id().value(), note);
        if (overturn) undo(action);
        audit.record(actor.id().value(), overturn ? "appeal.overturn" : "appeal.uphold", action.caseId(), action.targetType(), action.targetId(),
            action.subjectId(), action.spaceId(), "appeal " + appeal.id() + (note == null ? "" : ": " + note));
        mails.toMember(appeal.appellantId(), overturn ? "appealOverturned" : "appealUpheld", note, c != null && c.url() != null ? c.url() : "/",
            null, null);
        return view(appeals.find(appeal.id()).orElseThrow(), action);
    }

    private void undo(AuditRow action) {
        switch (action.action()) {
            case "hide" -> {
                targets.require(action.targetType()).restore(action.targetId());
                if (action.caseId() != null) cases.responded(action.caseId(), "resolved", "restored", null);
            }
            case "suspend" -> sanctions.lift(action.subjectId(), false);
            case "ban" -> sanctions.lift(action.subjectId(), true);
            default -> { } // a warning stays on record; the decision records that it was withdrawn
        }
    }

    private static AppealView view(AppealRow a, AuditRow action) {
        return new AppealView(Long.toString(a.id()), Long.toString(action.id()), action.action(),
            action.caseId() == null ? null : action.caseId().toString(), Long.toString(a.appellantId()), a.body(), a.status(),
            Long.toString(action.actorId()), a.decidedBy() == null ? null : a.decidedBy().toString(), a.decisionNote(), a.createdAt(), a.decidedAt());
    }
}
