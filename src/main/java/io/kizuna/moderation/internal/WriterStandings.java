package io.kizuna.moderation.internal;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What every write checks: the member's sanction and their acceptance of the guidelines. Read on every post, so each
 * node keeps the standings it has read until any sanction or guideline changes anywhere: {@link #changed()} moves the
 * {@code writer_standing} version, which drops them all (within two seconds on other nodes, at once on this one; see
 * {@link VersionedCache}). Sanctions and guideline changes are rare; posts are not.
 */
@Component
class WriterStandings {
    private static final int MAX_ENTRIES = 100_000;

    /** A member's sanction (none: not banned, no end date), the newest material guidelines and the newest they accepted. */
    record WriterStanding(OffsetDateTime suspendedUntil, boolean banned, Integer requiredVersion, Integer acceptedVersion) {}

    private final JdbcClient jdbc;
    private final VersionedCache<Map<Long, WriterStanding>> cache;

    WriterStandings(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.cache = new VersionedCache<>(jdbc, "writer_standing", ConcurrentHashMap::new);
    }

    WriterStanding of(long userId) {
        var standings = cache.get();
        var known = standings.get(userId);
        if (known != null) return known;
        var standing = jdbc.sql("""
                select s.suspended_until, coalesce(s.banned, false) as banned,
                       (select max(version) from moderation_guidelines where material) as required_version,
                       (select max(version) from moderation_guideline_acceptances where user_id = :u) as accepted_version
                from (select 1) one left join moderation_sanctions s on s.user_id = :u""")
            .param("u", userId).query(WriterStanding.class).single();
        if (standings.size() >= MAX_ENTRIES) standings.clear();
        standings.put(userId, standing);
        return standing;
    }

    /** In the transaction that changes a sanction, the guidelines or an acceptance. */
    void changed() {
        cache.bump();
    }
}
