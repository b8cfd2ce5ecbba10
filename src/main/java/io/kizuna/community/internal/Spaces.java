package io.kizuna.community.internal;

import io.kizuna.community.CommunityPolicy.SqlFilter;
import io.kizuna.community.Visibility;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code community_spaces} and {@code community_space_members} tables. */
@Repository
public class Spaces {
    /** A space; membership of private spaces is asked separately ({@link #isMember}), so the row is the same for every viewer. */
    public record SpaceRow(long id, String slug, String name, String description, String visibility, OffsetDateTime createdAt) {
        public Visibility visibilityValue() {
            return Visibility.fromCode(visibility).orElseThrow();
        }
    }

    private static final String COLUMNS = "s.id, s.slug, s.name, s.description, s.visibility, s.created_at";

    private final JdbcClient jdbc;

    Spaces(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a space; empty when the slug is taken. */
    public Optional<Long> insert(String slug, String name, String description, Visibility visibility, long createdBy) {
        return jdbc.sql("insert into community_spaces (slug, name, description, visibility, created_by) values (:slug, :name, :d, :v, :by) "
                + "on conflict (slug) do nothing returning id")
            .param("slug", slug).param("name", name).param("d", description).param("v", visibility.code()).param("by", createdBy)
            .query(Long.class).optional();
    }

    public Optional<SpaceRow> find(String slug) {
        return jdbc.sql("select " + COLUMNS + " from community_spaces s where s.slug = :slug")
            .param("slug", slug).query(SpaceRow.class).optional();
    }

    public List<SpaceRow> visible(SqlFilter filter) {
        return filter.bind(jdbc.sql("select " + COLUMNS + " from community_spaces s where " + filter.where() + " order by s.id limit 500"))
            .query(SpaceRow.class).list();
    }

    public boolean isMember(long spaceId, long userId) {
        return jdbc.sql("select exists (select 1 from community_space_members where space_id = :s and user_id = :u)")
            .param("s", spaceId).param("u", userId).query(Boolean.class).single();
    }

    /** Those of {@code userIds} who were added to the space. */
    public java.util.Set<Long> membersAmong(long spaceId, java.util.Collection<Long> userIds) {
        if (userIds.isEmpty()) return java.util.Set.of();
        return new java.util.HashSet<>(jdbc.sql("select user_id from community_space_members where space_id = :s and user_id = any(:u)")
            .param("s", spaceId).param("u", userIds.stream().mapToLong(Long::longValue).toArray()).query(Long.class).list());
    }

    /** Adds a member to a space; false when they were already in it. */
    public boolean addMember(long spaceId, long userId, long addedBy) {
        return jdbc.sql("insert into community_space_members (space_id, user_id, added_by) values (:s, :u, :by) on conflict do nothing")
            .param("s", spaceId).param("u", userId).param("by", addedBy).update() == 1;
    }
}
