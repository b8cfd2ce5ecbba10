package io.kizuna.moderation.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code moderation_appeals} table: at most one appeal per action (unique on the audit row). */
@Repository
public class Appeals {
    public record AppealRow(long id, long auditId, long appellantId, String body, String status, Long decidedBy, String decisionNote,
                            OffsetDateTime createdAt, OffsetDateTime decidedAt) {}

    private static final String COLUMNS = "id, audit_id, appellant_id, body, status, decided_by, decision_note, created_at, decided_at";
    private final JdbcClient jdbc;

    Appeals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Files the appeal; empty when this action was already appealed. */
    public Optional<AppealRow> insert(long auditId, long appellant, String body) {
        return jdbc.sql("insert into moderation_appeals (audit_id, appellant_id, body) values (:a, :u, :b) on conflict (audit_id) do nothing returning " + COLUMNS)
            .param("a", auditId).param("u", appellant).param("b", body).query(AppealRow.class).optional();
    }

    public Optional<AppealRow> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from moderation_appeals where id = :id for update").param("id", id).query(AppealRow.class).optional();
    }

    public Optional<AppealRow> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from moderation_appeals where id = :id").param("id", id).query(AppealRow.class).optional();
    }

    public Optional<AppealRow> forAction(long auditId) {
        return jdbc.sql("select " + COLUMNS + " from moderation_appeals where audit_id = :a").param("a", auditId).query(AppealRow.class).optional();
    }

    public void decide(long id, String status, long by, String note) {
        jdbc.sql("update moderation_appeals set status = :s, decided_by = :by, decision_note = :n, decided_at = now() where id = :id")
            .param("s", status).param("by", by).param("n", note).param("id", id).update();
    }

    /** Pending appeals, oldest first, keyset on id. */
    public List<AppealRow> pending(Long afterId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from moderation_appeals where status = 'pending' and (cast(:after as bigint) is null or id > :after) order by id limit :limit")
            .param("after", afterId).param("limit", limit).query(AppealRow.class).list();
    }
}
