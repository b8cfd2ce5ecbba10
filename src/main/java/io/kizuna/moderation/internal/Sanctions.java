package io.kizuna.moderation.internal;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code moderation_sanctions} table: one row per member who is or was suspended or banned. */
@Repository
public class Sanctions {
    public record SanctionRow(long userId, OffsetDateTime suspendedUntil, boolean banned, String reason) {
        public boolean suspendedAt(OffsetDateTime now) {
            return suspendedUntil != null && suspendedUntil.isAfter(now);
        }
    }

    private final JdbcClient jdbc;
    private final WriterStandings standings;

    Sanctions(JdbcClient jdbc, WriterStandings standings) {
        this.jdbc = jdbc;
        this.standings = standings;
    }

    public Optional<SanctionRow> find(long userId) {
        return jdbc.sql("select user_id, suspended_until, banned, reason from moderation_sanctions where user_id = :u")
            .param("u", userId).query(SanctionRow.class).optional();
    }

    /** Suspends until {@code days} from now (a longer running suspension is kept). */
    public void suspend(long userId, int days, String reason) {
        jdbc.sql("""
                insert into moderation_sanctions (user_id, suspended_until, reason) values (:u, now() + make_interval(days => :d), :r)
                on conflict (user_id) do update set suspended_until = greatest(moderation_sanctions.suspended_until, excluded.suspended_until),
                  reason = excluded.reason, updated_at = now()""")
            .param("u", userId).param("d", days).param("r", reason).update();
        standings.changed();
    }

    public void ban(long userId, String reason) {
        jdbc.sql("insert into moderation_sanctions (user_id, banned, reason) values (:u, true, :r) "
                + "on conflict (user_id) do update set banned = true, reason = excluded.reason, updated_at = now()")
            .param("u", userId).param("r", reason).update();
        standings.changed();
    }

    /** Lifts a suspension or a ban (an appeal overturned it). */
    public void lift(long userId, boolean ban) {
        jdbc.sql(ban ? "update moderation_sanctions set banned = false, updated_at = now() where user_id = :u"
                : "update moderation_sanctions set suspended_until = null, updated_at = now() where user_id = :u")
            .param("u", userId).update();
        standings.changed();
    }
}
