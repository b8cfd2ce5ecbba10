package io.kizuna.support;

import io.kizuna.platform.internal.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM (our own embedded server, in a temp dir), and a fresh database per test class
 * so classes never see each other's data. The application connects to it as an external database by URL,
 * which is also how a multi-node deployment runs.
 */
public final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // under /tmp whatever java.io.tmpdir says, so the Unix socket's path fits its 108 bytes and the tests use it
                Path dir = Files.createTempDirectory(Path.of("/tmp"), "kizuna-test-pg");
                server = EmbeddedPostgres.start(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String newDatabase(String hint) {
        var pg = server();
        String name = "t" + COUNTER.incrementAndGet() + "_" + hint.toLowerCase().replaceAll("[^a-z0-9]", "").substring(0, Math.min(30, hint.replaceAll("[^A-Za-z0-9]", "").length()));
        try (var c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.credentials());
             var s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return pg.jdbcUrl(name);
    }
}
