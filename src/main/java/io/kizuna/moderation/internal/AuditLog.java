package io.kizuna.moderation.internal;

import io.kizuna.moderation.ModerationPolicy.Scope;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code moderation_audit} table: every staff action and permission change, never updated. */
@Repository
public class AuditLog {
    public record AuditRow(long id, long actorId, String action, Long caseId, String targetType, String targetId, Long subjectId,
                           String spaceId, String detail, OffsetDateTime at) {}

    /** Filters of the audit page and CSV; null fields do not filter. */
    public record Filter(Long actorId, String action, Long subjectId, OffsetDateTime from, OffsetDateTime to) {}

    private static final String COLUMNS = "id, actor_id, action, case_id, target_type, target_id, subject_id, space_id, detail, at";
    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long record(long actorId, String action, Long caseId, String targetType, String targetId, Long subjectId, String spaceId,
                       String detail) {
        return jdbc.sql("insert into moderation_audit (actor_id, action, case_id, target_type, target_id, subject_id, space_id, detail) "
                + "values (:a, :action, :c, :tt, :t, :s, :space, :d) returning id")
            .param("a", actorId).param("action", action).param("c", caseId).param("tt", targetType).param("t", targetId)
            .param("s", subjectId).param("space", spaceId).param("d", detail).query(Long.class).single();
    }

    public Optional<AuditRow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from moderation_audit where id = :id").param("id", id).query(AuditRow.class).optional();
    }

    public List<AuditRow> forCase(long caseId) {
        return jdbc.sql("select " + COLUMNS + " from moderation_audit where case_id = :c order by id").param("c", caseId).query(AuditRow.class).list();
    }

    /** Actions taken about a member (warnings, suspensions, hidden content), newest first. */
    public List<AuditRow> aboutMember(long subjectId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from moderation_audit where subject_id = :s order by id desc limit :limit")
            .param("s", subjectId).param("limit", limit).query(AuditRow.class).list();
    }

    /**
     * What a moderator with {@code scope} may read about a member: all of it for global moderators; otherwise only
     * entries about cases they cover or made in spaces they moderate, since an entry's detail can quote content
     * (a retitle, a move) from spaces they may not see.
     */
    public List<AuditRow> aboutMember(long subjectId, Scope scope, int limit) {
        if (scope.global()) return aboutMember(subjectId, limit);
        return Cases.covered(jdbc.sql("select " + COLUMNS + " from moderation_audit where subject_id = :s and (space_id = any(:spaces) "
                + "or case_id in (select id from moderation_cases where " + Cases.COVERED + ")) order by id desc limit :limit"),
                scope.spaces(), scope.routes())
            .param("s", subjectId).param("limit", limit).query(AuditRow.class).list();
    }

    /** Newest first, keyset on id. */
    public List<AuditRow> page(Filter f, Long beforeId, int limit) {
        var where = new StringBuilder("true");
        if (f.actorId() != null) where.append(" and actor_id = :actor");
        if (f.action() != null) where.append(" and action = :action");
        if (f.subjectId() != null) where.append(" and subject_id = :subject");
        if (f.from() != null) where.append(" and at >= :from");
        if (f.to() != null) where.append(" and at < :to");
        if (beforeId != null) where.append(" and id < :before");
        var spec = jdbc.sql("select " + COLUMNS + " from moderation_audit where " + where + " order by id desc limit :limit").param("limit", limit);
        if (f.actorId() != null) spec = spec.param("actor", f.actorId());
        if (f.action() != null) spec = spec.param("action", f.action());
        if (f.subjectId() != null) spec = spec.param("subject", f.subjectId());
        if (f.from() != null) spec = spec.param("from", f.from());
        if (f.to() != null) spec = spec.param("to", f.to());
        if (beforeId != null) spec = spec.param("before", beforeId);
        return spec.query(AuditRow.class).list();
    }
}
