package io.kizuna.community.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Records who changed or removed community content, in the same transaction as the change. */
@Repository
public class Audit {
    private final JdbcClient jdbc;

    Audit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(long actorId, String action, String targetType, long targetId, String detail) {
        jdbc.sql("insert into community_audit (actor_id, action, target_type, target_id, detail) values (:a, :action, :tt, :ti, :d)")
            .param("a", actorId).param("action", action).param("tt", targetType).param("ti", targetId).param("d", detail).update();
    }
}
