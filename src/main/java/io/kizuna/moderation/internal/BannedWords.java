package io.kizuna.moderation.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The banned-word list ({@code moderation_banned_words}) and the matcher built from it. Each node keeps one
 * {@link WordMatcher}; a change bumps a version row, which nodes compare at most every two seconds, so a word added on
 * one node applies everywhere within that time (at once on the node that took it).
 */
@Component
public class BannedWords {
    public record WordRow(long id, String word, String normalized, String action, String message) {}

    /** A matcher and the rows its word indexes point into. */
    public record Snapshot(long version, WordMatcher matcher, List<WordRow> rows) {}

    private static final long RECHECK_MS = 2_000;
    private final JdbcClient jdbc;
    private volatile Snapshot snapshot = new Snapshot(-1, WordMatcher.EMPTY, List.of());
    private volatile long checkedAt;

    BannedWords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<WordRow> all() {
        return jdbc.sql("select id, word, normalized, action, message from moderation_banned_words order by normalized").query(WordRow.class).list();
    }

    /** Adds a word; empty when its normalised form is already listed. */
    public Optional<WordRow> add(String word, String action, String message, long by) {
        var row = jdbc.sql("insert into moderation_banned_words (word, normalized, action, message, created_by) values (:w, :n, :a, :m, :by) "
                + "on conflict (normalized) do nothing returning id, word, normalized, action, message")
            .param("w", word).param("n", TextNormalizer.normalize(word)).param("a", action).param("m", message).param("by", by)
            .query(WordRow.class).optional();
        row.ifPresent(r -> bump());
        return row;
    }

    public boolean remove(long id) {
        boolean removed = jdbc.sql("delete from moderation_banned_words where id = :id").param("id", id).update() == 1;
        if (removed) bump();
        return removed;
    }

    private void bump() {
        jdbc.sql("update moderation_versions set version = version + 1 where name = 'banned_words'").update();
        checkedAt = 0;
    }

    /** The current matcher, rebuilt when the list changed. */
    public Snapshot current() {
        long now = System.currentTimeMillis();
        if (now - checkedAt < RECHECK_MS) return snapshot;
        long version = jdbc.sql("select version from moderation_versions where name = 'banned_words'").query(Long.class).single();
        checkedAt = now;
        var s = snapshot;
        if (s.version() == version) return s;
        var rows = all();
        var built = new Snapshot(version, new WordMatcher(rows.stream().map(WordRow::normalized).toList()), rows);
        snapshot = built;
        return built;
    }
}
