package io.kizuna.community.internal;

import io.kizuna.moderation.TrustSignals;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The community's trust figures for a batch of members, one query each: posts read (from read positions), posts made
 * (live, visible posts) and likes received (reactions from other members on their posts).
 */
@Component
class CommunityTrustSignals implements TrustSignals {
    private final JdbcClient jdbc;
    private final ReadPositions reads;

    CommunityTrustSignals(JdbcClient jdbc, ReadPositions reads) {
        this.jdbc = jdbc;
        this.reads = reads;
    }

    @Override
    public Map<Long, Signals> signals(Collection<Long> memberIds) {
        long[] ids = memberIds.stream().mapToLong(Long::longValue).toArray();
        var read = reads.postsRead(ids);
        var made = counts("select author_id, count(*) from community_posts where author_id = any(:u) and deleted_at is null and moderation is null "
            + "group by author_id", ids);
        var liked = counts("select p.author_id, count(*) from community_posts p join community_reactions r on r.post_id = p.id "
            + "where p.author_id = any(:u) and r.user_id <> p.author_id and p.deleted_at is null group by p.author_id", ids);
        var out = new HashMap<Long, Signals>();
        for (long id : ids) {
            out.put(id, new Signals(read.getOrDefault(id, 0L), made.getOrDefault(id, 0L), liked.getOrDefault(id, 0L)));
        }
        return out;
    }

    @Override
    public void flush() {
        reads.flush();
    }

    private Map<Long, Long> counts(String sql, long[] ids) {
        var out = new HashMap<Long, Long>();
        jdbc.sql(sql).param("u", ids).query((rs, i) -> out.put(rs.getLong(1), rs.getLong(2))).list();
        return out;
    }
}
