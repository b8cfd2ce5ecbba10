package io.kizuna.notifications.internal;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notification_follows} table: members following threads and spaces. */
@Repository
public class Follows {
    public static final String THREAD = "thread";
    public static final String SPACE = "space";

    private final JdbcClient jdbc;

    Follows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A follow of target {@code :t}/{@code :id} by {@code :u}; also part of {@link Inbox#addAndFollowThread}'s statement. */
    static final String FOLLOW = "insert into notification_follows (target_type, target_id, user_id) values (:t, :id, :u) on conflict do nothing";

    public void follow(String type, long targetId, long userId) {
        jdbc.sql(FOLLOW)
            .param("t", type).param("id", targetId).param("u", userId).update();
    }

    public void unfollow(String type, long targetId, long userId) {
        jdbc.sql("delete from notification_follows where target_type = :t and target_id = :id and user_id = :u")
            .param("t", type).param("id", targetId).param("u", userId).update();
    }

    public boolean isFollowing(String type, long targetId, long userId) {
        return jdbc.sql("select exists (select 1 from notification_follows where target_type = :t and target_id = :id and user_id = :u)")
            .param("t", type).param("id", targetId).param("u", userId).query(Boolean.class).single();
    }

    /** Followers of each of these targets. */
    public java.util.Map<Long, java.util.Set<Long>> followersOf(String type, java.util.Collection<Long> targetIds) {
        var result = new java.util.HashMap<Long, java.util.Set<Long>>();
        if (targetIds.isEmpty()) return result;
        jdbc.sql("select target_id, user_id from notification_follows where target_type = :t and target_id = any(:ids)")
            .param("t", type).param("ids", targetIds.stream().mapToLong(Long::longValue).toArray())
            .query((rs, i) -> result.computeIfAbsent(rs.getLong(1), k -> new java.util.HashSet<>()).add(rs.getLong(2))).list();
        return result;
    }

    /** Adds follows: target id to the members who now follow it. */
    public void followAll(String type, java.util.Map<Long, ? extends java.util.Collection<Long>> followers) {
        var targets = new java.util.ArrayList<Long>();
        var users = new java.util.ArrayList<Long>();
        followers.forEach((target, members) -> members.forEach(m -> {
            targets.add(target);
            users.add(m);
        }));
        if (targets.isEmpty()) return;
        jdbc.sql("insert into notification_follows (target_type, target_id, user_id) "
                + "select :t, * from unnest(cast(:targets as bigint[]), cast(:users as bigint[])) on conflict do nothing")
            .param("t", type).param("targets", targets.stream().mapToLong(Long::longValue).toArray())
            .param("users", users.stream().mapToLong(Long::longValue).toArray()).update();
    }

    public void forget(long userId) {
        jdbc.sql("delete from notification_follows where user_id = :u").param("u", userId).update();
    }
}
