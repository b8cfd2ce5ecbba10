package io.kizuna.moderation.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one row of {@code moderation_options}; a null column means the built-in default. */
@Repository
public class OptionRows {
    public record OptionRow(Integer firstResponseMinutes, Integer flagHoldWeight, Double biasAlertShare, Integer biasMinMembers,
                            Integer unansweredHours, Integer quietDropPercent) {}

    private final JdbcClient jdbc;
    private final VersionedCache<OptionRow> cache;

    OptionRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.cache = new VersionedCache<>(jdbc, "options", () -> jdbc.sql("select first_response_minutes, flag_hold_weight, "
            + "cast(bias_alert_share as float8) as bias_alert_share, bias_min_members, unanswered_hours, quiet_drop_percent "
            + "from moderation_options").query(OptionRow.class).single());
    }

    public OptionRow current() {
        return cache.get();
    }

    public void save(OptionRow row, long by) {
        jdbc.sql("""
                update moderation_options set first_response_minutes = :fr, flag_hold_weight = :fw, bias_alert_share = :bs,
                  bias_min_members = :bm, unanswered_hours = :uh, quiet_drop_percent = :qd, updated_by = :by, updated_at = now()""")
            .param("fr", row.firstResponseMinutes()).param("fw", row.flagHoldWeight()).param("bs", row.biasAlertShare())
            .param("bm", row.biasMinMembers()).param("uh", row.unansweredHours()).param("qd", row.quietDropPercent()).param("by", by)
            .update();
        cache.bump();
    }
}
