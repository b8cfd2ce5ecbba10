package io.kizuna.moderation.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Delegated powers: per-space moderators and ambassadors ({@code moderation_space_grants}) and escalation routes. */
@Repository
public class Grants {
    public record GrantRow(long userId, String spaceId, String role) {}

    public record RouteRow(String code, String name, List<Long> staffIds) {}

    private final JdbcClient jdbc;

    Grants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<GrantRow> all() {
        return jdbc.sql("select user_id, space_id, role from moderation_space_grants order by space_id, role, user_id").query(GrantRow.class).list();
    }

    /** Every grant the member holds (both roles, all spaces). */
    public List<GrantRow> ofMember(long userId) {
        return jdbc.sql("select user_id, space_id, role from moderation_space_grants where user_id = :u").param("u", userId).query(GrantRow.class).list();
    }

    /** The spaces where the member holds {@code role}. */
    public List<String> spaces(long userId, String role) {
        return jdbc.sql("select space_id from moderation_space_grants where user_id = :u and role = :r")
            .param("u", userId).param("r", role).query(String.class).list();
    }

    public boolean grant(long userId, String spaceId, String role, long by) {
        return jdbc.sql("insert into moderation_space_grants (user_id, space_id, role, granted_by) values (:u, :s, :r, :by) on conflict do nothing")
            .param("u", userId).param("s", spaceId).param("r", role).param("by", by).update() == 1;
    }

    public boolean revoke(long userId, String spaceId, String role) {
        return jdbc.sql("delete from moderation_space_grants where user_id = :u and space_id = :s and role = :r")
            .param("u", userId).param("s", spaceId).param("r", role).update() == 1;
    }

    private static RouteRow route(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new RouteRow(rs.getString(1), rs.getString(2), Arrays.asList((Long[]) rs.getArray(3).getArray()));
    }

    public List<RouteRow> routes() {
        return jdbc.sql("select code, name, staff_ids from moderation_routes order by code").query((rs, i) -> route(rs)).list();
    }

    public Optional<RouteRow> route(String code) {
        return jdbc.sql("select code, name, staff_ids from moderation_routes where code = :c").param("c", code).query((rs, i) -> route(rs)).optional();
    }

    /** The routes whose staff include the member. */
    public List<String> routesOf(long userId) {
        return jdbc.sql("select code from moderation_routes where :u = any(staff_ids)").param("u", userId).query(String.class).list();
    }

    public void saveRoute(String code, String name, List<Long> staff) {
        jdbc.sql("insert into moderation_routes (code, name, staff_ids) values (:c, :n, :s) "
                + "on conflict (code) do update set name = excluded.name, staff_ids = excluded.staff_ids, updated_at = now()")
            .param("c", code).param("n", name).param("s", staff.toArray(Long[]::new)).update();
    }

    public boolean deleteRoute(String code) {
        return jdbc.sql("delete from moderation_routes where code = :c").param("c", code).update() == 1;
    }
}
