package io.kizuna.moderation;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.identity.RoleChanged;
import io.kizuna.moderation.Views.AuditEntry;
import io.kizuna.moderation.Views.BannedWordView;
import io.kizuna.moderation.Views.GrantView;
import io.kizuna.moderation.Views.RouteView;
import io.kizuna.moderation.internal.AuditLog;
import io.kizuna.moderation.internal.BannedWords;
import io.kizuna.moderation.internal.Grants;
import io.kizuna.moderation.internal.ViewMaker;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.InvalidInputException.FieldProblem;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.UserId;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What owners and admins set up (escalation routes, per-space moderators and ambassadors, banned words) and the audit
 * log of every staff action and permission change, filterable and exportable as CSV.
 */
@Service
public class ModerationSettings {
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,29}");
    public static final Set<String> GRANT_ROLES = Set.of("moderator", "ambassador");

    public record RouteForm(String name, List<String> staffIds) {}

    public record GrantForm(String userId, String spaceSlug, String role) {}

    public record WordForm(String word, String action, String message) {}

    /** Audit filters as sent: actor and subject are member ids, from/to ISO-8601 times. */
    public record AuditQuery(String actor, String action, String subject, String from, String to) {}

    private final Grants grants;
    private final BannedWords words;
    private final AuditLog audit;
    private final ViewMaker views;
    private final ModerationPolicy policy;
    private final IdentityManagement identity;

    ModerationSettings(Grants grants, BannedWords words, AuditLog audit, ViewMaker views, ModerationPolicy policy, IdentityManagement identity) {
        this.grants = grants;
        this.words = words;
        this.audit = audit;
        this.views = views;
        this.policy = policy;
        this.identity = identity;
    }

    public List<RouteView> routes(Actor actor) {
        if (!actor.isStaff()) throw new ForbiddenException("Only moderators see escalation routes.");
        return grants.routes().stream().map(r -> new RouteView(r.code(), r.name(), r.staffIds().stream().map(String::valueOf).toList())).toList();
    }

    @Transactional
    public RouteView saveRoute(Actor actor, String code, RouteForm form) {
        policy.requireConfigure(actor);
        var problems = new ArrayList<FieldProblem>();
        if (code == null || !CODE.matcher(code).matches()) problems.add(new FieldProblem("code", "validation.slug.invalid"));
        if (form.name() == null || form.name().isBlank()) problems.add(new FieldProblem("name", "validation.required"));
        else if (form.name().length() > 100) problems.add(new FieldProblem("name", "validation.tooLong"));
        var staff = new ArrayList<Long>();
        if (form.staffIds() != null) {
            for (var id : form.staffIds()) {
                var member = parseMember(id);
                if (member == null) problems.add(new FieldProblem("staffIds", "validation.unknownValue"));
                else staff.add(member);
            }
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        grants.saveRoute(code, form.name().strip(), staff.stream().distinct().toList());
        audit.record(actor.id().value(), "route.save", null, "route", code, null, null, form.name().strip() + " " + staff);
        return new RouteView(code, form.name().strip(), staff.stream().distinct().map(String::valueOf).toList());
    }

    @Transactional
    public void deleteRoute(Actor actor, String code) {
        policy.requireConfigure(actor);
        if (!grants.deleteRoute(code)) throw new NotFoundException("No such route.");
        audit.record(actor.id().value(), "route.delete", null, "route", code, null, null, null);
    }

    private Long parseMember(String id) {
        try {
            var uid = UserId.parse(id);
            return identity.actor(uid).map(a -> a.id().value()).orElse(null);
        } catch (NotFoundException e) {
            return null;
        }
    }

    public List<GrantView> grants(Actor actor) {
        policy.requireConfigure(actor);
        return grants.all().stream().map(g -> new GrantView(Long.toString(g.userId()), g.spaceId(), views.spaceSlug(g.spaceId()), g.role())).toList();
    }

    /** Makes a member moderator or ambassador of one space; the grant is a permission change and is logged. */
    @Transactional
    public GrantView grant(Actor actor, GrantForm form, boolean add) {
        policy.requireConfigure(actor);
        var problems = new ArrayList<FieldProblem>();
        var member = form.userId() == null ? null : parseMember(form.userId());
        if (member == null) problems.add(new FieldProblem("userId", "validation.unknownValue"));
        var space = form.spaceSlug() == null ? java.util.Optional.<String>empty() : views.spaceId(form.spaceSlug());
        if (space.isEmpty()) problems.add(new FieldProblem("spaceSlug", "validation.unknownValue"));
        if (form.role() == null || !GRANT_ROLES.contains(form.role())) problems.add(new FieldProblem("role", "validation.unknownValue"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        boolean changed = add ? grants.grant(member, space.get(), form.role(), actor.id().value()) : grants.revoke(member, space.get(), form.role());
        if (!add && !changed) throw new NotFoundException("No such grant.");
        if (changed) audit.record(actor.id().value(), add ? "grant.add" : "grant.remove", null, "space", space.get(), member, space.get(), form.role());
        return new GrantView(member.toString(), space.get(), form.spaceSlug(), form.role());
    }

    public List<BannedWordView> words(Actor actor) {
        policy.requireConfigure(actor);
        return words.all().stream().map(w -> new BannedWordView(Long.toString(w.id()), w.word(), w.action(), w.message())).toList();
    }

    @Transactional
    public BannedWordView addWord(Actor actor, WordForm form) {
        policy.requireConfigure(actor);
        var problems = new ArrayList<FieldProblem>();
        if (form.word() == null || form.word().isBlank()) problems.add(new FieldProblem("word", "validation.required"));
        else if (form.word().length() > 100) problems.add(new FieldProblem("word", "validation.tooLong"));
        if (form.action() == null || !Set.of("refuse", "hold").contains(form.action())) problems.add(new FieldProblem("action", "validation.unknownValue"));
        if (form.message() != null && form.message().length() > 500) problems.add(new FieldProblem("message", "validation.tooLong"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        var row = words.add(form.word().strip(), form.action(), form.message() == null || form.message().isBlank() ? null : form.message().strip(),
                actor.id().value())
            .orElseThrow(() -> new ConflictException("word-listed", "This word (or its normalised form) is already listed."));
        audit.record(actor.id().value(), "word.add", null, "banned_word", Long.toString(row.id()), null, null, row.word() + " → " + row.action());
        return new BannedWordView(Long.toString(row.id()), row.word(), row.action(), row.message());
    }

    @Transactional
    public void removeWord(Actor actor, String id) {
        policy.requireConfigure(actor);
        if (!words.remove(ModerationManagement.parseId(id))) throw new NotFoundException("No such word.");
        audit.record(actor.id().value(), "word.remove", null, "banned_word", id, null, null, null);
    }

    /** Role changes are permission changes: they go in the same log, in the changing transaction. */
    @EventListener
    void roleChanged(RoleChanged e) {
        audit.record(e.changedBy().value(), "role.change", null, "member", e.member().toString(), e.member().value(), null,
            e.from().code() + " → " + e.to().code());
    }

    public Page<AuditEntry> audit(Actor actor, AuditQuery q, PageRequest page) {
        if (!policy.canReadAudit(actor)) throw new ForbiddenException("Only moderators read the audit log.");
        var filter = filter(q);
        Long before = page.isFirst() ? null : page.afterLong(0);
        var rows = Page.fromOverfetch(audit.page(filter, before, page.limit() + 1), page.limit(), a -> PageRequest.encode(a.id()));
        return new Page<>(views.audit(rows.items()), rows.nextCursor());
    }

    /** The filtered log as CSV (RFC 4180, UTF-8 with BOM for spreadsheet programs), newest first, up to 100,000 rows. */
    public String auditCsv(Actor actor, AuditQuery q) {
        if (!policy.canReadAudit(actor)) throw new ForbiddenException("Only moderators read the audit log.");
        var filter = filter(q);
        var out = new StringBuilder("\uFEFFid,at,actorId,actorName,action,caseId,targetType,targetId,subjectId,detail\r\n");
        Long before = null;
        for (int total = 0; total < 100_000; ) {
            var rows = audit.page(filter, before, 1000);
            if (rows.isEmpty()) break;
            for (var e : views.audit(rows)) {
                out.append(String.join(",", csv(e.id()), csv(e.at().toString()), csv(e.actorId()), csv(e.actorName()), csv(e.action()), csv(e.caseId()),
                    csv(e.targetType()), csv(e.targetId()), csv(e.subjectId()), csv(e.detail()))).append("\r\n");
            }
            total += rows.size();
            before = rows.getLast().id();
        }
        return out.toString();
    }

    private static String csv(String v) {
        if (v == null) return "";
        // a leading = + - @ would run as a formula in a spreadsheet
        String safe = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        return safe.matches("[^\",\r\n]*") ? safe : "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private AuditLog.Filter filter(AuditQuery q) {
        var problems = new ArrayList<FieldProblem>();
        Long actorId = null;
        Long subject = null;
        OffsetDateTime from = null;
        OffsetDateTime to = null;
        try {
            if (q.actor() != null && !q.actor().isBlank()) actorId = Long.parseLong(q.actor());
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem("actor", "validation.unknownValue"));
        }
        try {
            if (q.subject() != null && !q.subject().isBlank()) subject = Long.parseLong(q.subject());
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem("subject", "validation.unknownValue"));
        }
        try {
            if (q.from() != null && !q.from().isBlank()) from = OffsetDateTime.parse(q.from());
        } catch (java.time.format.DateTimeParseException e) {
            problems.add(new FieldProblem("from", "validation.invalidTime"));
        }
        try {
            if (q.to() != null && !q.to().isBlank()) to = OffsetDateTime.parse(q.to());
        } catch (java.time.format.DateTimeParseException e) {
            problems.add(new FieldProblem("to", "validation.invalidTime"));
        }
        if (q.action() != null && q.action().length() > 50) problems.add(new FieldProblem("action", "validation.tooLong"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return new AuditLog.Filter(actorId, q.action() == null || q.action().isBlank() ? null : q.action(), subject, from, to);
    }
}
