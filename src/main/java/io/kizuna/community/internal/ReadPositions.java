package io.kizuna.community.internal;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How far each member has read each thread ({@code community_read_positions}), for "posts read". A signed-in read
 * only notes the furthest post seen in memory (a map merge, nothing on the database); a flush every few seconds
 * writes them in one statement, counting the posts up to that point. Positions only move forward, so several nodes
 * flushing in any order agree.
 */
@Component
public class ReadPositions {
    private record Key(long userId, long threadId) {}

    private static final int MAX_PENDING = 200_000;
    private final JdbcClient jdbc;
    private final Map<Key, Long> pending = new ConcurrentHashMap<>();

    ReadPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The member has seen the thread up to {@code lastPostId}. */
    public void saw(long userId, long threadId, long lastPostId) {
        if (pending.size() > MAX_PENDING) flush();
        pending.merge(new Key(userId, threadId), lastPostId, Math::max);
    }

    @Scheduled(fixedDelayString = "${kizuna.community.reads-flush-ms:5000}", initialDelay = 5_000)
    @PreDestroy
    public synchronized void flush() {
        if (pending.isEmpty()) return;
        var users = new ArrayList<Long>();
        var threads = new ArrayList<Long>();
        var lasts = new ArrayList<Long>();
        for (var key : List.copyOf(pending.keySet())) {
            var last = pending.remove(key);
            if (last == null) continue;
            users.add(key.userId());
            threads.add(key.threadId());
            lasts.add(last);
        }
        jdbc.sql("""
                insert into community_read_positions (user_id, thread_id, last_post_id, posts_read)
                select x.u, x.t, x.m, (select count(*) from community_posts p where p.thread_id = x.t and p.id <= x.m and p.deleted_at is null)
                from unnest(:u, :t, :m) as x(u, t, m)
                where exists (select 1 from community_threads th where th.id = x.t)
                on conflict (user_id, thread_id) do update set
                  posts_read = greatest(community_read_positions.posts_read, excluded.posts_read),
                  last_post_id = greatest(community_read_positions.last_post_id, excluded.last_post_id), read_at = now()""")
            .param("u", array(users)).param("t", array(threads)).param("m", array(lasts)).update();
    }

    private static long[] array(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** Posts read per member: the sum over the threads they opened. */
    public Map<Long, Long> postsRead(long[] userIds) {
        var out = new java.util.HashMap<Long, Long>();
        jdbc.sql("select user_id, sum(posts_read) from community_read_positions where user_id = any(:u) group by user_id")
            .param("u", userIds).query((rs, i) -> out.put(rs.getLong(1), rs.getLong(2))).list();
        return out;
    }
}
