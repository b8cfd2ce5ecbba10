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

    public void follow(String type, long targetId, long userId) {
        jdbc.sql("insert into notification_follows (target_type, target_id, user_id) values (:t, :id, :u) on conflict do nothing")
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

    public List<Long> followers(String type, long targetId) {
        return jdbc.sql("select user_id from notification_follows where target_type = :t and target_id = :id")
            .param("t", type).param("id", targetId).query(Long.class).list();
    }

    public void forget(long userId) {
        jdbc.sql("delete from notification_follows where user_id = :u").param("u", userId).update();
    }
}
