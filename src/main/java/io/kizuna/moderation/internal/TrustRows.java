package io.kizuna.moderation.internal;

import io.kizuna.moderation.internal.TrustRules.Threshold;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code moderation_trust} (a member's figures and levels), {@code moderation_visits} and the thresholds. */
@Repository
public class TrustRows {
    /** {@code computedAt} is null until the first computation. */
    public record TrustRow(long userId, int computedLevel, Integer overrideLevel, String overrideNote, Long overrideBy, int daysVisited,
                           int postsRead, int postsMade, int likesReceived, OffsetDateTime lastSanctionAt, OffsetDateTime computedAt,
                           OffsetDateTime levelChangedAt) {
        public int level() {
            return overrideLevel != null ? overrideLevel : computedLevel;
        }
    }

    /** What a recomputation stores. */
    public record Figures(long userId, int level, long daysVisited, long postsRead, long postsMade, long likesReceived,
                          OffsetDateTime lastSanctionAt) {}

    private static final String COLUMNS = "user_id, computed_level, override_level, override_note, override_by, days_visited, posts_read, "
        + "posts_made, likes_received, last_sanction_at, nullif(computed_at, '-infinity') as computed_at, level_changed_at";
    private static final long[] NO_IDS = new long[0];
    private final JdbcClient jdbc;

    TrustRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static long[] ids(Collection<Long> ids) {
        return ids.isEmpty() ? NO_IDS : ids.stream().mapToLong(Long::longValue).toArray();
    }

    public Optional<TrustRow> find(long userId) {
        return jdbc.sql("select " + COLUMNS + " from moderation_trust where user_id = :u").param("u", userId).query(TrustRow.class).optional();
    }

    public Map<Long, TrustRow> find(Collection<Long> userIds) {
        var out = new HashMap<Long, TrustRow>();
        jdbc.sql("select " + COLUMNS + " from moderation_trust where user_id = any(:u)").param("u", ids(userIds))
            .query(TrustRow.class).list().forEach(r -> out.put(r.userId(), r));
        return out;
    }

    /** Effective levels (override, else computed) of these members; members without a row are level 0. */
    public Map<Long, Integer> levels(Collection<Long> userIds) {
        var out = new HashMap<Long, Integer>();
        jdbc.sql("select user_id, coalesce(override_level, computed_level) from moderation_trust where user_id = any(:u)")
            .param("u", ids(userIds)).query((rs, i) -> out.put(rs.getLong(1), rs.getInt(2))).list();
        return out;
    }

    /** Rows for members who have none (they start at level 0, to be computed first). */
    public void ensure(Collection<Long> userIds) {
        if (userIds.isEmpty()) return;
        jdbc.sql("insert into moderation_trust (user_id) select unnest(:u) on conflict do nothing").param("u", ids(userIds)).update();
    }

    /** Records that these members visited on {@code day} (each member once a day, whatever the number of nodes). */
    public void visited(LocalDate day, Collection<Long> userIds) {
        if (userIds.isEmpty()) return;
        jdbc.sql("insert into moderation_visits (user_id, day) select unnest(:u), :d on conflict do nothing")
            .param("u", ids(userIds)).param("d", day).update();
        ensure(userIds);
    }

    public Map<Long, Long> daysVisited(Collection<Long> userIds) {
        var out = new HashMap<Long, Long>();
        jdbc.sql("select user_id, count(*) from moderation_visits where user_id = any(:u) group by user_id").param("u", ids(userIds))
            .query((rs, i) -> out.put(rs.getLong(1), rs.getLong(2))).list();
        return out;
    }

    /** The last sanction of each member that no appeal overturned: warnings, hidden content, suspensions, bans. */
    public Map<Long, OffsetDateTime> lastSanctions(Collection<Long> userIds) {
        var out = new HashMap<Long, OffsetDateTime>();
        jdbc.sql("""
                select a.subject_id, max(a.at) from moderation_audit a
                where a.subject_id = any(:u) and a.action in ('warn', 'hide', 'suspend', 'ban')
                  and not exists (select 1 from moderation_appeals ap where ap.audit_id = a.id and ap.status = 'overturned')
                group by a.subject_id""")
            .param("u", ids(userIds)).query((rs, i) -> out.put(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).list();
        return out;
    }

    /** Members among these who are banned or suspended right now. */
    public List<Long> sanctionedNow(Collection<Long> userIds) {
        return jdbc.sql("select user_id from moderation_sanctions where user_id = any(:u) and (banned or suspended_until > now())")
            .param("u", ids(userIds)).query(Long.class).list();
    }

    /**
     * Claims up to {@code limit} rows computed before {@code before}, stalest first, locking them for the caller's
     * transaction and skipping rows another node holds, so several nodes share the work without doing it twice.
     */
    public List<Long> claimStale(OffsetDateTime before, int limit) {
        return jdbc.sql("select user_id from moderation_trust where computed_at < :b order by computed_at limit :l for update skip locked")
            .param("b", before).param("l", limit).query(Long.class).list();
    }

    public void store(Figures f) {
        jdbc.sql("""
                update moderation_trust set level_changed_at = case when computed_level <> :lvl then now() else level_changed_at end,
                  computed_level = :lvl, days_visited = :d, posts_read = :r, posts_made = :p, likes_received = :l,
                  last_sanction_at = :s, computed_at = now()
                where user_id = :u""")
            .param("lvl", f.level()).param("d", clamp(f.daysVisited())).param("r", clamp(f.postsRead())).param("p", clamp(f.postsMade()))
            .param("l", clamp(f.likesReceived())).param("s", f.lastSanctionAt()).param("u", f.userId()).update();
    }

    private static int clamp(long v) {
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    public void override(long userId, Integer level, String note, long by) {
        ensure(List.of(userId));
        jdbc.sql("update moderation_trust set override_level = :lvl, override_note = :n, override_by = :by, level_changed_at = now() where user_id = :u")
            .param("lvl", level).param("n", note).param("by", level == null ? null : by).param("u", userId).update();
    }

    /** Makes every row due for recomputation (thresholds changed, or staff asked). */
    public void markAllStale() {
        jdbc.sql("update moderation_trust set computed_at = '-infinity'").update();
    }

    public List<Threshold> thresholds() {
        return jdbc.sql("select level, days_visited, posts_read, posts_made, likes_received, sanction_free_days from moderation_trust_thresholds order by level")
            .query(Threshold.class).list();
    }

    public void saveThresholds(List<Threshold> thresholds) {
        for (var t : thresholds) {
            jdbc.sql("update moderation_trust_thresholds set days_visited = :d, posts_read = :r, posts_made = :p, likes_received = :l, "
                    + "sanction_free_days = :s where level = :lvl")
                .param("d", t.daysVisited()).param("r", t.postsRead()).param("p", t.postsMade()).param("l", t.likesReceived())
                .param("s", t.sanctionFreeDays()).param("lvl", t.level()).update();
        }
    }
}
