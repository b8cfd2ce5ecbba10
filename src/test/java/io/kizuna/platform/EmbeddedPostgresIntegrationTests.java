package io.kizuna.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.platform.internal.EmbeddedPostgres;
import io.kizuna.support.Api;
import io.kizuna.support.TestDatabase;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL as production runs it: a separate Kizuna JVM on a data directory, killed with SIGKILL,
 * then started again. Committed writes survive, an orphaned server or a stale pid file is handled, and the
 * server is durable (fsync, synchronous commit) and password-protected.
 */
class EmbeddedPostgresIntegrationTests {

    @Test
    void committedWritesSurviveKillDashNineOfTheJvmAndOfThePostmaster() throws Exception {
        Path dataDir = Files.createTempDirectory("kizuna-kill9");
        // given a running Kizuna with one committed signup
        var first = Kizuna.start(dataDir);
        var signup = first.api.post("/api/v1/auth/signup", Map.of("email", "durable@example.com", "password", "correct-horse-1", "displayName", "Durable"));
        assertThat(signup.status()).isEqualTo(201);
        long postmaster = postmasterPid(dataDir);
        // when the JVM is killed: its PostgreSQL is left running as an orphan
        first.kill();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);
        var second = Kizuna.start(dataDir);
        // then the orphan was stopped and replaced, and the write is there
        assertThat(second.log()).contains("orphaned PostgreSQL server");
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(second.api.post("/api/v1/auth/token", Map.of("email", "durable@example.com", "password", "correct-horse-1")).status()).isEqualTo(200);
        var another = second.api.post("/api/v1/auth/signup", Map.of("email", "durable2@example.com", "password", "correct-horse-1", "displayName", "Durable 2"));
        assertThat(another.status()).isEqualTo(201);

        // when both the JVM and the postmaster die hard (a power cut, as far as PostgreSQL knows)
        long postmaster2 = postmasterPid(dataDir);
        second.kill();
        ProcessHandle.of(postmaster2).ifPresent(ProcessHandle::destroyForcibly);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(postmaster2).map(p -> !p.isAlive()).orElse(true));
        var third = Kizuna.start(dataDir);
        // then the stale pid file is removed, PostgreSQL recovers from its WAL, and both writes are there
        assertThat(third.log()).contains("stale postmaster.pid");
        assertThat(third.api.post("/api/v1/auth/token", Map.of("email", "durable2@example.com", "password", "correct-horse-1")).status()).isEqualTo(200);
        assertThat(third.api.post("/api/v1/auth/token", Map.of("email", "durable@example.com", "password", "correct-horse-1")).status()).isEqualTo(200);
        // the killed servers' Unix sockets were cleared away: only the running server's socket and its lock are there
        String port = Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).get(3).strip();
        try (var sockets = Files.list(dataDir.resolve("pg-socket"))) {
            assertThat(sockets.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(".s.PGSQL." + port, ".s.PGSQL." + port + ".lock");
        }
        // a clean stop stops PostgreSQL too
        third.stop();
        assertThat(dataDir.resolve("pg/postmaster.pid")).doesNotExist();
        assertThat(dataDir.resolve("pg-bin")).isDirectory();
    }

    @Test
    void serverIsDurableAndNeedsItsPassword() throws Exception {
        var pg = TestDatabase.server();
        var props = pg.credentials();
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres", props);
             var s = c.createStatement()) {
            for (var setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                var rs = s.executeQuery("show " + setting);
                rs.next();
                assertThat(rs.getString(1)).as(setting).isEqualTo("on");
            }
        }
        var wrong = pg.credentials();
        wrong.setProperty("password", "not-the-password");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres", wrong))
            .hasMessageContaining("password authentication failed");
    }

    @Test
    void applicationConnectionsGoOverAUnixSocketThatAlsoNeedsThePassword() throws Exception {
        var pg = TestDatabase.server();
        assertThat(pg.viaUnixSocket()).isTrue();
        var props = pg.credentials();
        try (var c = DriverManager.getConnection(pg.jdbcUrl("postgres"), props);
             var rs = c.createStatement().executeQuery("select inet_server_addr() is null")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("a Unix socket connection has no server address").isTrue();
        }
        var wrong = pg.credentials();
        wrong.setProperty("password", "not-the-password");
        assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("postgres"), wrong)).hasMessageContaining("password authentication failed");
    }

    @Test
    void aDataDirectoryWhosePathIsTooLongForASocketIsReachedOverTcp() throws Exception {
        Path dir = Files.createTempDirectory("kizuna-" + "long".repeat(25));
        try (var pg = EmbeddedPostgres.start(dir)) {
            assertThat(pg.viaUnixSocket()).isFalse();
            var props = pg.credentials();
            try (var c = DriverManager.getConnection(pg.jdbcUrl(), props);
                 var rs = c.createStatement().executeQuery("select host(inet_server_addr())")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
            }
        }
    }

    @Test
    void aSecondProcessCannotOpenTheSameDataDirectory() throws Exception {
        Path dir = Files.createTempDirectory("kizuna-lock");
        try (var first = EmbeddedPostgres.start(dir)) {
            assertThatThrownBy(() -> EmbeddedPostgres.start(dir)).hasMessageContaining("Another Kizuna process");
            assertThat(first.port()).isPositive();
        }
    }

    @Test
    void theServerKeepsFreedHeapInsteadOfTrimmingItAfterEveryTransaction() throws Exception {
        Path dir = Files.createTempDirectory("kizuna-malloc");
        try (var pg = EmbeddedPostgres.start(dir)) {
            // backends inherit the postmaster's environment; the postmaster, unlike them, leaves its own untouched
            var environment = Files.readString(Path.of("/proc", Long.toString(postmasterPid(dir)), "environ")).split("\0");
            assertThat(environment).contains("MALLOC_TRIM_THRESHOLD_=2097152");
        }
    }

    private static long postmasterPid(Path dataDir) throws Exception {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).getFirst().strip());
    }

    /** Kizuna in its own JVM, started the way a user starts it (main class, environment variables). */
    private static final class Kizuna {
        final Process process;
        final Path logFile;
        final Api api;

        private Kizuna(Process process, Path logFile, int port) {
            this.process = process;
            this.logFile = logFile;
            this.api = new Api("http://127.0.0.1:" + port);
        }

        static Kizuna start(Path dataDir) throws Exception {
            int port;
            try (var s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = Files.createTempFile("kizuna-child", ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            var pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.kizuna.KizunaApplication")
                .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("KIZUNA_DATA_DIR", dataDir.toString());
            pb.environment().put("PORT", Integer.toString(port));
            pb.environment().put("KIZUNA_COOKIE_SECURE", "false");
            pb.environment().remove("KIZUNA_DATABASE_URL");
            var kizuna = new Kizuna(pb.start(), log, port);
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!kizuna.process.isAlive()) throw new AssertionError("Kizuna exited:\n" + kizuna.log());
                try {
                    return kizuna.api.get("/actuator/health").status() == 200;
                } catch (RuntimeException e) {
                    return false;
                }
            });
            return kizuna;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        void stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }

        String log() throws java.io.IOException {
            return Files.readString(logFile);
        }
    }
}
