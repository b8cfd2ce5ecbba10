package io.kizuna.moderation;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.moderation.ModerationPolicy.Standing;
import io.kizuna.moderation.Views.ThresholdView;
import io.kizuna.moderation.Views.TrustView;
import io.kizuna.moderation.internal.AuditLog;
import io.kizuna.moderation.internal.Grants;
import io.kizuna.moderation.internal.TrustCache;
import io.kizuna.moderation.internal.TrustComputer;
import io.kizuna.moderation.internal.TrustRows;
import io.kizuna.moderation.internal.TrustRules;
import io.kizuna.moderation.internal.TrustRules.Threshold;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.InvalidInputException.FieldProblem;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.UserId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trust levels 0-4, earned from activity (days visited, posts read, posts made, likes received, no recent sanctions)
 * against thresholds owners and admins set, recomputed by a job and on demand; staff may override a member's level.
 * Level 0 limits links and images, level 3 reports weigh more and may retitle and move public threads, level 4 gets
 * the ambassador tools (see {@link ModerationPolicy}).
 */
@Service
public class TrustManagement {
    public static final int MAX_LEVEL = 4;

    /** An override as sent: {@code level} 0-4, or null to go back to the computed level. */
    public record Override(Integer level, String note) {}

    public record ThresholdForm(Integer level, Integer daysVisited, Integer postsRead, Integer postsMade, Integer likesReceived,
                                Integer sanctionFreeDays) {}

    private final TrustRows rows;
    private final TrustComputer computer;
    private final TrustCache cache;
    private final Grants grants;
    private final AuditLog audit;
    private final ModerationPolicy policy;
    private final IdentityManagement identity;
    private final ApplicationEventPublisher events;

    TrustManagement(TrustRows rows, TrustComputer computer, TrustCache cache, Grants grants, AuditLog audit, ModerationPolicy policy,
                    IdentityManagement identity, ApplicationEventPublisher events) {
        this.rows = rows;
        this.computer = computer;
        this.cache = cache;
        this.grants = grants;
        this.audit = audit;
        this.policy = policy;
        this.identity = identity;
        this.events = events;
    }

    /** A member's effective level (their override, else the computed one; 0 before the first visit), cached briefly. */
    public int level(UserId member) {
        return cache.level(member.value());
    }

    /** What the actor has earned or been given, for {@link ModerationPolicy}'s delegated powers. */
    public Standing standing(Actor actor) {
        long id = actor.id().value();
        var mine = grants.ofMember(id);
        return new Standing(actor, level(actor.id()), mine.stream().filter(g -> g.role().equals("moderator")).map(Grants.GrantRow::spaceId).toList(),
            mine.stream().filter(g -> g.role().equals("ambassador")).map(Grants.GrantRow::spaceId).toList());
    }

    /** The caller's own level and what the next one needs. */
    public TrustView mine(Actor actor) {
        return view(actor.id().value());
    }

    /** A member's figures and levels (global moderators and up). */
    public TrustView view(Actor actor, String memberId) {
        policy.requireReadTrust(actor);
        return view(requireMember(memberId).id().value());
    }

    /** Recounts one member now, including reads still held in memory (global moderators and up). */
    @Transactional
    public TrustView recompute(Actor actor, String memberId) {
        policy.requireReadTrust(actor);
        long id = requireMember(memberId).id().value();
        computer.flushSources();
        rows.ensure(List.of(id));
        computer.recompute(List.of(id));
        return view(id);
    }

    /** Makes every member due for recomputation; the job works through them in batches (owners and admins). */
    @Transactional
    public void recomputeAll(Actor actor) {
        policy.requireConfigure(actor);
        rows.markAllStale();
        audit.record(actor.id().value(), "trust.recompute", null, "trust", "all", null, null, null);
    }

    /** Sets or clears a member's override; logged as a permission change. */
    @Transactional
    public TrustView override(Actor actor, String memberId, Override form) {
        var member = requireMember(memberId);
        if (!policy.canOverrideTrust(actor, member.role())) throw new ForbiddenException("Only moderators override members' trust levels, and admins staff's.");
        var problems = new ArrayList<FieldProblem>();
        if (form.level() != null && (form.level() < 0 || form.level() > MAX_LEVEL)) problems.add(new FieldProblem("level", "moderation.validation.level"));
        if (form.note() != null && form.note().length() > 500) problems.add(new FieldProblem("note", "validation.tooLong"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        long id = member.id().value();
        int before = rows.find(id).map(TrustRows.TrustRow::level).orElse(0);
        String note = form.note() == null || form.note().isBlank() ? null : form.note().strip();
        rows.override(id, form.level(), note, actor.id().value());
        cache.forget(id);
        int after = rows.find(id).map(TrustRows.TrustRow::level).orElse(0);
        audit.record(actor.id().value(), "trust.override", null, "member", member.id().toString(), id, null,
            (form.level() == null ? "cleared" : "TL" + form.level()) + (note == null ? "" : ": " + note));
        if (before != after) events.publishEvent(new TrustLevelChanged(member.id(), before, after));
        return view(id);
    }

    public List<ThresholdView> thresholds(Actor actor) {
        policy.requireReadSettings(actor);
        return rows.thresholds().stream().map(TrustManagement::view).toList();
    }

    /**
     * Replaces the thresholds of levels 1-4 (all four, each at least the level below it in every figure) and makes every
     * member due for recomputation.
     */
    @Transactional
    public List<ThresholdView> saveThresholds(Actor actor, List<ThresholdForm> form) {
        policy.requireConfigure(actor);
        var problems = new ArrayList<FieldProblem>();
        var parsed = new ArrayList<Threshold>();
        if (form == null || form.size() != MAX_LEVEL) {
            problems.add(new FieldProblem("levels", "moderation.validation.levels"));
        } else {
            for (int i = 0; i < MAX_LEVEL; i++) {
                var f = form.get(i);
                String at = "levels[" + i + "].";
                if (f == null || f.level() == null || f.level() != i + 1) {
                    problems.add(new FieldProblem(at + "level", "moderation.validation.levels"));
                    continue;
                }
                for (var field : List.of("daysVisited", "postsRead", "postsMade", "likesReceived", "sanctionFreeDays")) {
                    Integer v = value(f, field);
                    if (v == null || v < 0 || v > 1_000_000) problems.add(new FieldProblem(at + field, "moderation.validation.range"));
                }
                if (problems.isEmpty()) {
                    var t = new Threshold(f.level(), f.daysVisited(), f.postsRead(), f.postsMade(), f.likesReceived(), f.sanctionFreeDays());
                    if (!parsed.isEmpty() && !atLeast(t, parsed.getLast())) problems.add(new FieldProblem(at + "level", "moderation.validation.ascending"));
                    parsed.add(t);
                }
            }
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        rows.saveThresholds(parsed);
        rows.markAllStale();
        audit.record(actor.id().value(), "trust.thresholds", null, "trust", "thresholds", null, null, parsed.toString());
        return parsed.stream().map(TrustManagement::view).toList();
    }

    private static boolean atLeast(Threshold t, Threshold below) {
        return t.daysVisited() >= below.daysVisited() && t.postsRead() >= below.postsRead() && t.postsMade() >= below.postsMade()
            && t.likesReceived() >= below.likesReceived() && t.sanctionFreeDays() >= below.sanctionFreeDays();
    }

    private static Integer value(ThresholdForm f, String field) {
        return switch (field) {
            case "daysVisited" -> f.daysVisited();
            case "postsRead" -> f.postsRead();
            case "postsMade" -> f.postsMade();
            case "likesReceived" -> f.likesReceived();
            default -> f.sanctionFreeDays();
        };
    }

    private static ThresholdView view(Threshold t) {
        return new ThresholdView(t.level(), t.daysVisited(), t.postsRead(), t.postsMade(), t.likesReceived(), t.sanctionFreeDays());
    }

    private Actor requireMember(String memberId) {
        return identity.actor(UserId.parse(memberId)).orElseThrow(() -> new NotFoundException("No such member."));
    }

    private TrustView view(long id) {
        var row = rows.find(id);
        var thresholds = rows.thresholds();
        var name = identity.names(List.of(new UserId(id))).get(new UserId(id));
        int computed = row.map(TrustRows.TrustRow::computedLevel).orElse(0);
        Integer override = row.map(TrustRows.TrustRow::overrideLevel).orElse(null);
        int level = override != null ? override : computed;
        // what the next computed level still needs, from the figures of the last computation
        var next = new ArrayList<Views.Requirement>();
        if (computed < MAX_LEVEL && row.isPresent()) {
            var r = row.get();
            var activity = new TrustRules.Activity(r.daysVisited(), r.postsRead(), r.postsMade(), r.likesReceived(),
                r.lastSanctionAt() == null ? null : java.time.Duration.between(r.lastSanctionAt(), java.time.OffsetDateTime.now()).toDays(), false);
            thresholds.stream().filter(t -> t.level() == computed + 1).findFirst()
                .ifPresent(t -> TrustRules.missing(activity, t).forEach(m -> next.add(new Views.Requirement(m.signal(), m.have(), m.need()))));
        }
        return new TrustView(Long.toString(id), name == null || name.erased() ? null : name.displayName(), level, computed, override,
            row.map(TrustRows.TrustRow::overrideNote).orElse(null), row.map(TrustRows.TrustRow::daysVisited).orElse(0),
            row.map(TrustRows.TrustRow::postsRead).orElse(0), row.map(TrustRows.TrustRow::postsMade).orElse(0),
            row.map(TrustRows.TrustRow::likesReceived).orElse(0), row.map(TrustRows.TrustRow::lastSanctionAt).orElse(null),
            row.map(TrustRows.TrustRow::computedAt).orElse(null), computed < MAX_LEVEL ? computed + 1 : null, next);
    }
}
