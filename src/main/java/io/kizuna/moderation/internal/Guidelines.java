package io.kizuna.moderation.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code moderation_guidelines} versions and members' acceptances of them. */
@Repository
public class Guidelines {
    public record Version(int version, String body, boolean material, long publishedBy, OffsetDateTime publishedAt) {}

    private static final String COLUMNS = "version, body, material, published_by, published_at";
    private final JdbcClient jdbc;
    private final WriterStandings standings;

    Guidelines(JdbcClient jdbc, WriterStandings standings) {
        this.jdbc = jdbc;
        this.standings = standings;
    }

    public Optional<Version> current() {
        return jdbc.sql("select " + COLUMNS + " from moderation_guidelines order by version desc limit 1").query(Version.class).optional();
    }

    public Optional<Version> find(int version) {
        return jdbc.sql("select " + COLUMNS + " from moderation_guidelines where version = :v").param("v", version).query(Version.class).optional();
    }

    public List<Version> all() {
        return jdbc.sql("select " + COLUMNS + " from moderation_guidelines order by version desc").query(Version.class).list();
    }

    /** The newest version marked material: members must have accepted it (or a later one) to write. */
    public Optional<Integer> requiredVersion() {
        return jdbc.sql("select max(version) from moderation_guidelines where material").query(Integer.class).optional();
    }

    /** Publishes the next version; the row lock on the table's last version makes concurrent publishes queue. */
    public int publish(String body, boolean material, long by) {
        jdbc.sql("lock table moderation_guidelines in share row exclusive mode").update();
        int version = jdbc.sql("insert into moderation_guidelines (version, body, material, published_by) "
                + "select coalesce(max(version), 0) + 1, :b, :m, :by from moderation_guidelines returning version")
            .param("b", body).param("m", material).param("by", by).query(Integer.class).single();
        standings.changed();
        return version;
    }

    public void accept(long userId, int version) {
        jdbc.sql("insert into moderation_guideline_acceptances (user_id, version) values (:u, :v) on conflict do nothing")
            .param("u", userId).param("v", version).update();
        standings.changed();
    }

    /** The newest version the member accepted. */
    public Optional<Integer> acceptedVersion(long userId) {
        return jdbc.sql("select max(version) from moderation_guideline_acceptances where user_id = :u").param("u", userId).query(Integer.class).optional();
    }
}
