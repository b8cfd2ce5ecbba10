package io.kizuna.moderation.internal;

import io.kizuna.platform.AfterTransaction;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node's copy of something staff change rarely (the banned-word matcher, the site options): reloaded when its row in
 * {@code moderation_versions} moved, which is checked at most every two seconds. A change bumps the row, so it applies
 * everywhere within that time, and at once on the node that made it.
 */
public final class VersionedCache<T> {
    private static final long RECHECK_MS = 2_000;

    private record Snapshot<T>(long version, T value) {}

    private final JdbcClient jdbc;
    private final String name;
    private final Supplier<T> loader;
    private volatile Snapshot<T> snapshot = new Snapshot<>(-1, null);
    private volatile long checkedAt;

    public VersionedCache(JdbcClient jdbc, String name, Supplier<T> loader) {
        this.jdbc = jdbc;
        this.name = name;
        this.loader = loader;
    }

    public T get() {
        long now = System.currentTimeMillis();
        var s = snapshot;
        if (s.value() != null && now - checkedAt < RECHECK_MS) return s.value();
        long version = jdbc.sql("select version from moderation_versions where name = :n").param("n", name).query(Long.class).single();
        checkedAt = now;
        if (s.version() == version && s.value() != null) return s.value();
        var built = new Snapshot<>(version, loader.get());
        snapshot = built;
        return built.value();
    }

    /**
     * Marks the value changed, in the changing transaction. This node checks the version again on its next read, and
     * again once the transaction has ended: a read between the bump and the commit still saw the old version.
     */
    public void bump() {
        jdbc.sql("update moderation_versions set version = version + 1 where name = :n").param("n", name).update();
        checkedAt = 0;
        AfterTransaction.completion(() -> checkedAt = 0);
    }
}
