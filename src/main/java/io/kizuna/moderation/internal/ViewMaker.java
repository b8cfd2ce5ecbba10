package io.kizuna.moderation.internal;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.identity.MemberName;
import io.kizuna.moderation.ModeratedSpaces;
import io.kizuna.moderation.ModerationOptions;
import io.kizuna.moderation.ModerationPolicy.Scope;
import io.kizuna.moderation.Views.AuditEntry;
import io.kizuna.moderation.Views.CaseDetail;
import io.kizuna.moderation.Views.CaseView;
import io.kizuna.moderation.Views.MemberHistory;
import io.kizuna.moderation.Views.ReportView;
import io.kizuna.moderation.internal.AuditLog.AuditRow;
import io.kizuna.moderation.internal.Cases.CaseRow;
import io.kizuna.moderation.internal.Cases.ReportRow;
import io.kizuna.shared.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Rows to views: names for a whole page in one call, space slugs (kept, spaces are not renamed), first-response due times. */
@Component
public class ViewMaker {
    private final IdentityManagement identity;
    private final ObjectProvider<ModeratedSpaces> spaces;
    private final Grants grants;
    private final Cases cases;
    private final AuditLog audit;
    private final Sanctions sanctions;
    private final ModerationOptions options;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, String> slugs = new ConcurrentHashMap<>();

    ViewMaker(IdentityManagement identity, ObjectProvider<ModeratedSpaces> spaces, Grants grants, Cases cases, AuditLog audit,
              Sanctions sanctions, ModerationOptions options) {
        this.identity = identity;
        this.spaces = spaces;
        this.grants = grants;
        this.cases = cases;
        this.audit = audit;
        this.sanctions = sanctions;
        this.options = options;
    }

    /** The first-response target in force (the options' minutes). */
    public Duration firstResponse() {
        return Duration.ofMinutes(options.current().firstResponseMinutes());
    }

    public Optional<String> spaceId(String slug) {
        var directory = spaces.getIfAvailable();
        return directory == null ? Optional.empty() : directory.idBySlug(slug);
    }

    public String spaceSlug(String spaceId) {
        if (spaceId == null) return null;
        var directory = spaces.getIfAvailable();
        if (directory == null) return null;
        return slugs.computeIfAbsent(spaceId, id -> directory.slugById(id).orElse(null));
    }

    public Optional<Grants.RouteRow> route(String code) {
        return code == null ? Optional.empty() : grants.route(code);
    }

    public List<CaseView> cases(List<CaseRow> rows) {
        var names = names(rows.stream().map(CaseRow::authorId));
        var now = OffsetDateTime.now(clock);
        var firstResponse = firstResponse();
        return rows.stream().map(c -> {
            var due = c.openedAt().plus(firstResponse);
            var name = c.authorId() == null ? null : names.get(new UserId(c.authorId()));
            return new CaseView(Long.toString(c.id()), c.targetType(), c.targetId(), c.reasons(), c.reportCount(), c.flagWeight(), c.status(), c.openedAt(),
                c.resolution(), c.route(), c.held(), c.spaceId(), spaceSlug(c.spaceId()), c.authorId() == null ? null : c.authorId().toString(),
                name == null || name.erased() ? null : name.displayName(), c.excerpt(), c.url(), c.firstResponseAt(), due,
                c.firstResponseAt() == null && !"resolved".equals(c.status()) && now.isAfter(due));
        }).toList();
    }

    public List<AuditEntry> audit(List<AuditRow> rows) {
        var names = names(rows.stream().map(AuditRow::actorId));
        return rows.stream().map(a -> {
            var n = names.get(new UserId(a.actorId()));
            return new AuditEntry(Long.toString(a.id()), Long.toString(a.actorId()), n == null ? null : n.displayName(), a.action(),
                a.caseId() == null ? null : a.caseId().toString(), a.targetType(), a.targetId(),
                a.subjectId() == null ? null : a.subjectId().toString(), a.detail(), a.at());
        }).toList();
    }

    public CaseDetail detail(CaseRow c, List<ReportRow> reports, List<AuditRow> actions, List<String> allowed, Scope scope) {
        var reportViews = reports.stream().map(r -> new ReportView(Long.toString(r.id()), Long.toString(r.caseId()), r.targetType(),
            r.targetId(), r.reason(), r.note(), r.weight(), r.createdAt())).toList();
        return new CaseDetail(cases(List.of(c)).getFirst(), reportViews, audit(actions), c.authorId() == null ? null : history(c.authorId(), scope), allowed);
    }

    /** A member's sanctions, and the earlier cases and actions that a moderator with {@code scope} covers. */
    public MemberHistory history(long memberId, Scope scope) {
        var id = new UserId(memberId);
        var name = identity.names(List.of(id)).get(id);
        var sanction = sanctions.find(memberId);
        var now = OffsetDateTime.now(clock);
        return new MemberHistory(id.toString(), name == null || name.erased() ? null : name.displayName(),
            sanction.filter(s -> s.suspendedAt(now)).map(s -> s.suspendedUntil().toString()).orElse(null),
            sanction.map(Sanctions.SanctionRow::banned).orElse(false), cases(cases.byAuthor(memberId, scope, 20)), audit(audit.aboutMember(memberId, scope, 20)));
    }

    private Map<UserId, MemberName> names(Stream<Long> ids) {
        Collection<UserId> distinct = ids.filter(Objects::nonNull).distinct().map(UserId::new).toList();
        return distinct.isEmpty() ? Map.of() : identity.names(distinct);
    }
}
