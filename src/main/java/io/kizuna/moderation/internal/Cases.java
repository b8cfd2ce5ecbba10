package io.kizuna.moderation.internal;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import io.kizuna.moderation.ModerationPolicy.Scope;
import io.kizuna.platform.ReadCache;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code moderation_cases} and {@code moderation_reports} tables. */
@Repository
public class Cases {
    public record CaseRow(long id, String targetType, String targetId, String spaceId, Long authorId, String excerpt, String url,
                          String status, String resolution, String route, List<String> reasons, int reportCount, int flagWeight, boolean held,
                          OffsetDateTime openedAt, OffsetDateTime firstResponseAt, OffsetDateTime resolvedAt) {}

    public record ReportRow(long id, long caseId, String targetType, String targetId, long reporterId, String reason, String note,
                            int weight, OffsetDateTime createdAt) {}

    /** The case a report went into, with its weighted flag count after the report. */
    public record Merged(long id, int flagWeight, boolean held) {}

    /** What the queue is filtered by; null fields do not filter. {@code spaces}/{@code routes} limit a scoped moderator. */
    public record Filter(String status, String reason, String spaceId, String route, String targetType,
                         List<String> spaces, List<String> routes, boolean scoped) {}

    private static final String COLUMNS = "id, target_type, target_id, space_id, author_id, excerpt, url, status, resolution, route, "
        + "reasons, report_count, flag_weight, held, opened_at, first_response_at, resolved_at";
    /** The {@link ReadCache} generation of the queue: every write to a case moves it when it commits. */
    public static final String QUEUE = "moderation-queue";

    private final JdbcClient jdbc;
    private final ReadCache cache;

    Cases(JdbcClient jdbc, ReadCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    private void changed() {
        cache.changed(QUEUE, 0);
    }

    private static CaseRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        var reasons = rs.getArray("reasons");
        return new CaseRow(rs.getLong("id"), rs.getString("target_type"), rs.getString("target_id"), rs.getString("space_id"),
            (Long) rs.getObject("author_id"), rs.getString("excerpt"), rs.getString("url"), rs.getString("status"),
            rs.getString("resolution"), rs.getString("route"), Arrays.asList((String[]) reasons.getArray()), rs.getInt("report_count"),
            rs.getInt("flag_weight"), rs.getBoolean("held"), rs.getObject("opened_at", OffsetDateTime.class), rs.getObject("first_response_at", OffsetDateTime.class),
            rs.getObject("resolved_at", OffsetDateTime.class));
    }

    /**
     * Adds a report's reason to the target's unresolved case, opening one if there is none. One statement on the
     * partial unique index, so concurrent reports merge into one case and the count stays exact.
     */
    public Merged merge(String targetType, String targetId, String spaceId, Long authorId, String excerpt, String url, String reason,
                        int reports, int weight, boolean held) {
        var merged = jdbc.sql("""
                insert into moderation_cases (target_type, target_id, space_id, author_id, excerpt, url, reasons, report_count, flag_weight, held)
                values (:type, :target, :space, :author, :excerpt, :url, array[cast(:reason as text)], :reports, :weight, :held)
                on conflict (target_type, target_id) where status <> 'resolved' do update set
                  reasons = case when :reason = any(moderation_cases.reasons) then moderation_cases.reasons
                                 else moderation_cases.reasons || cast(:reason as text) end,
                  report_count = moderation_cases.report_count + :reports,
                  flag_weight = moderation_cases.flag_weight + :weight,
                  held = moderation_cases.held or :held
                returning id, flag_weight, held""")
            .param("type", targetType).param("target", targetId).param("space", spaceId).param("author", authorId)
            .param("excerpt", excerpt).param("url", url).param("reason", reason).param("reports", reports).param("weight", weight)
            .param("held", held).query(Merged.class).single();
        changed();
        return merged;
    }

    /** The case's content was taken out of view pending review (weighted flags reached the threshold). */
    public void markHeld(long id) {
        jdbc.sql("update moderation_cases set held = true where id = :id").param("id", id).update();
        changed();
    }

    public boolean reported(String targetType, String targetId, long reporter) {
        return jdbc.sql("select exists (select 1 from moderation_reports where target_type = :t and target_id = :id and reporter_id = :r)")
            .param("t", targetType).param("id", targetId).param("r", reporter).query(Boolean.class).single();
    }

    public ReportRow insertReport(long caseId, String targetType, String targetId, long reporter, String reason, String note, int weight) {
        return jdbc.sql("insert into moderation_reports (case_id, target_type, target_id, reporter_id, reason, note, weight) "
                + "values (:c, :t, :id, :r, :reason, :note, :w) returning id, case_id, target_type, target_id, reporter_id, reason, note, weight, created_at")
            .param("c", caseId).param("t", targetType).param("id", targetId).param("r", reporter).param("reason", reason).param("note", note)
            .param("w", weight).query(ReportRow.class).single();
    }

    /** The case's target is in another space now (a thread moved); the queue's next page reads it there. */
    public void moveToSpace(long id, String spaceId) {
        jdbc.sql("update moderation_cases set space_id = :space where id = :id").param("space", spaceId).param("id", id).update();
        changed();
    }

    public Optional<CaseRow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from moderation_cases where id = :id").param("id", id).query((rs, i) -> row(rs)).optional();
    }

    /** Locks the case for an action, so two moderators acting at once take turns. */
    public Optional<CaseRow> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from moderation_cases where id = :id for update").param("id", id).query((rs, i) -> row(rs)).optional();
    }

    public List<ReportRow> reports(long caseId) {
        return jdbc.sql("select id, case_id, target_type, target_id, reporter_id, reason, note, weight, created_at from moderation_reports "
                + "where case_id = :c order by id").param("c", caseId).query(ReportRow.class).list();
    }

    /**
     * A page of the queue, oldest first (the first-response timer runs from opening), keyset on (opened_at, id).
     * Unresolved cases come from the partial index, so 100k open cases cost what 100 do.
     */
    public List<CaseRow> page(Filter f, OffsetDateTime afterOpened, Long afterId, int limit) {
        var where = new StringBuilder();
        boolean resolvedToo = "resolved".equals(f.status()) || "all".equals(f.status());
        where.append(resolvedToo ? "true" : "status <> 'resolved'");
        if (f.status() != null && !"all".equals(f.status())) where.append(" and status = :status");
        if (f.reason() != null) where.append(" and :reason = any(reasons)");
        if (f.spaceId() != null) where.append(" and space_id = :space");
        if (f.route() != null) where.append(" and route = :route");
        if (f.targetType() != null) where.append(" and target_type = :targetType");
        if (f.scoped()) where.append(" and ").append(COVERED);
        if (afterId != null) where.append(resolvedToo ? " and (opened_at, id) < (:afterOpened, :afterId)" : " and (opened_at, id) > (:afterOpened, :afterId)");
        String order = resolvedToo ? " order by opened_at desc, id desc" : " order by opened_at, id";
        var spec = jdbc.sql("select " + COLUMNS + " from moderation_cases where " + where + order + " limit :limit").param("limit", limit);
        if (f.status() != null && !"all".equals(f.status())) spec = spec.param("status", f.status());
        if (f.reason() != null) spec = spec.param("reason", f.reason());
        if (f.spaceId() != null) spec = spec.param("space", f.spaceId());
        if (f.route() != null) spec = spec.param("route", f.route());
        if (f.targetType() != null) spec = spec.param("targetType", f.targetType());
        if (f.scoped()) spec = covered(spec, f.spaces(), f.routes());
        if (afterId != null) spec = spec.param("afterOpened", afterOpened).param("afterId", afterId);
        return spec.query((rs, i) -> row(rs)).list();
    }

    /** Earlier cases about a member's content, newest first. */
    public List<CaseRow> byAuthor(long authorId, Scope scope, int limit) {
        var spec = jdbc.sql("select " + COLUMNS + " from moderation_cases where author_id = :a" + (scope.global() ? "" : " and " + COVERED)
                + " order by id desc limit :limit")
            .param("a", authorId).param("limit", limit);
        return (scope.global() ? spec : covered(spec, scope.spaces(), scope.routes())).query((rs, i) -> row(rs)).list();
    }

    /**
     * The cases a scoped moderator covers ({@link Scope#covers}), over a case's {@code space_id} and {@code route};
     * bind it with {@link #covered}.
     */
    static final String COVERED = "(space_id = any(:spaces) or route = any(:routes))";

    static JdbcClient.StatementSpec covered(JdbcClient.StatementSpec spec, List<String> spaces, List<String> routes) {
        return spec.param("spaces", spaces.toArray(String[]::new)).param("routes", routes.toArray(String[]::new));
    }

    /** Records a staff action on the case: the first one stops the first-response timer. */
    public void responded(long id, String status, String resolution, String route) {
        jdbc.sql("""
                update moderation_cases set first_response_at = coalesce(first_response_at, now()), status = :status,
                  resolution = :resolution, route = coalesce(:route, route),
                  resolved_at = case when :status = 'resolved' then now() else null end
                where id = :id""")
            .param("status", status).param("resolution", resolution).param("route", route).param("id", id).update();
        changed();
    }
}
