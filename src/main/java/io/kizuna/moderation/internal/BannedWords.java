package io.kizuna.moderation.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The banned-word list ({@code moderation_banned_words}) and the matcher built from it. Each node keeps one
 * {@link WordMatcher} in a {@link VersionedCache}, so a word added on one node applies everywhere within two seconds.
 */
@Component
public class BannedWords {
    public record WordRow(long id, String word, String normalized, String action, String message) {}

    /** A matcher and the rows its word indexes point into. */
    public record Snapshot(WordMatcher matcher, List<WordRow> rows) {}

    private final JdbcClient jdbc;
    private final VersionedCache<Snapshot> snapshot;

    BannedWords(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.snapshot = new VersionedCache<>(jdbc, "banned_words", () -> {
            var rows = all();
            return new Snapshot(new WordMatcher(rows.stream().map(WordRow::normalized).toList()), rows);
        });
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
        row.ifPresent(r -> snapshot.bump());
        return row;
    }

    public boolean remove(long id) {
        boolean removed = jdbc.sql("delete from moderation_banned_words where id = :id").param("id", id).update() == 1;
        if (removed) snapshot.bump();
        return removed;
    }

    /** The current matcher, rebuilt when the list changed. */
    public Snapshot current() {
        return snapshot.get();
    }
}
