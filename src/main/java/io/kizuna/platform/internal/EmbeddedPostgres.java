package io.kizuna.platform.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server kept under the data directory, run as a production database:
 * fsync and synchronous commit on, password (SCRAM) authentication, binaries unpacked beside
 * the data, and a clean start after the JVM was killed (an orphaned server or a stale
 * {@code postmaster.pid} is detected and handled). The PostgreSQL binaries come from zonky's jar.
 *
 * <p>It listens on 127.0.0.1 (for tools such as psql) and, where it can, on a Unix socket in the data directory that
 * the application's connections use: a statement's round trip then skips the loopback TCP stack on both sides, about
 * a tenth more statements a second in a pgbench on two cores.
 *
 * <p>Layout: {@code pg/} cluster, {@code pg-bin/<hash>/} binaries, {@code pg-socket/}, {@code pg-password},
 * {@code pg-start.log}.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    public static final String SUPERUSER = "kizuna";
    public static final String DATABASE = "kizuna";

    private final Path dataDir;
    private final Path cluster;
    private final Path bin;
    private final boolean asRoot;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean unixSocket;
    private int port;
    private String password;
    /** The server's Unix socket file, or null when connections go over TCP. */
    private Path socketFile;

    private EmbeddedPostgres(Path dataDir, Path bin, FileChannel lockChannel, FileLock lock, boolean unixSocket) {
        this.dataDir = dataDir;
        this.unixSocket = unixSocket;
        this.cluster = dataDir.resolve("pg");
        this.bin = bin;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.asRoot = runningAsRoot();
    }

    /** Starts (initialising on first use) the cluster under {@code dataDir}; blocks until it accepts connections. */
    public static EmbeddedPostgres start(Path dataDir) throws IOException {
        return start(dataDir, true);
    }

    /** {@link #start(Path)}; with {@code unixSocket} false the application's connections use TCP too. */
    public static EmbeddedPostgres start(Path dataDir, boolean unixSocket) throws IOException {
        dataDir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        var channel = FileChannel.open(dataDir.resolve("kizuna.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // this JVM holds it already
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another Kizuna process is using " + dataDir + "; stop it or choose another KIZUNA_DATA_DIR");
        }
        var pg = new EmbeddedPostgres(dataDir, PostgresBinaries.unpack(dataDir), channel, lock, unixSocket);
        try {
            pg.boot();
        } catch (IOException | RuntimeException e) {
            pg.releaseLock();
            throw e;
        }
        return pg;
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** The URL of one of the server's databases: over its Unix socket when it has one, otherwise TCP. */
    public String jdbcUrl(String database) {
        return socketFile == null ? tcpUrl(database) : UnixSocket.url(socketFile, port, database);
    }

    private String tcpUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Whether {@link #jdbcUrl} connects over the Unix socket. */
    public boolean viaUnixSocket() {
        return socketFile != null;
    }

    public int port() {
        return port;
    }

    public String user() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    private void boot() throws IOException {
        long t0 = System.nanoTime();
        if (!Files.exists(cluster.resolve("PG_VERSION"))) {
            initCluster();
        }
        password = Files.readString(dataDir.resolve("pg-password"), StandardCharsets.UTF_8).strip();
        stopLeftoverServer();
        port = freePort();
        var socketDir = unixSocket ? UnixSocket.directory(dataDir, port) : null;
        run(Duration.ofMinutes(3), pg("pg_ctl"), "-D", cluster.toString(), "-l", dataDir.resolve("pg-start.log").toString(),
            "-o", "-p " + port + (socketDir == null ? "" : " -k " + socketDir), "-w", "-t", "170", "start");
        ensureDatabase();
        if (socketDir != null) socketFile = reachable(socketDir.resolve(".s.PGSQL." + port));
        log.info("Embedded PostgreSQL ready on 127.0.0.1:{}{} in {} ms (data: {})", port, socketFile == null ? "" : " and " + socketFile,
            (System.nanoTime() - t0) / 1_000_000, cluster);
    }

    /** The socket when a connection over it works, null (TCP then) when it does not. */
    private Path reachable(Path socket) {
        try (var c = new org.postgresql.Driver().connect(UnixSocket.url(socket, port, DATABASE), credentials())) {
            return socket;
        } catch (java.sql.SQLException | RuntimeException | LinkageError e) {
            log.warn("Could not connect over the Unix socket {}; PostgreSQL is reached over TCP: {}", socket, e.getMessage());
            return null;
        }
    }

    /** The superuser's name and password, as a driver takes them. */
    public java.util.Properties credentials() {
        var props = new java.util.Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", password);
        return props;
    }

    private void initCluster() throws IOException {
        if (Files.exists(cluster)) {
            // A directory without PG_VERSION is an initdb that died half way, never a database: keep it aside, never delete.
            var aside = dataDir.resolve("pg.incomplete-" + System.currentTimeMillis());
            Files.move(cluster, aside);
            log.warn("Moved an incomplete cluster directory to {}", aside);
        }
        var secret = HexFormat.of().formatHex(randomBytes());
        var passwordFile = dataDir.resolve("pg-password");
        Files.writeString(passwordFile, secret + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        var pwfile = Files.createTempFile(dataDir, "initdb", ".pw");
        try {
            Files.writeString(pwfile, secret + "\n", StandardCharsets.UTF_8);
            log.info("Creating the PostgreSQL cluster in {} (first start)", cluster);
            run(Duration.ofMinutes(5), pg("initdb"), "-D", cluster.toString(), "-U", SUPERUSER, "--pwfile=" + pwfile,
                "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions");
        } finally {
            Files.deleteIfExists(pwfile);
        }
        Files.writeString(cluster.resolve("postgresql.conf"), """

            # --- Kizuna embedded defaults: durable like any production database ---
            listen_addresses = '127.0.0.1'
            unix_socket_directories = ''
            fsync = on
            synchronous_commit = on
            full_page_writes = on
            max_connections = 200
            shared_buffers = 128MB
            logging_collector = on
            log_directory = 'log'
            log_filename = 'postgresql-%a.log'
            log_truncate_on_rotation = on
            log_rotation_age = 1d
            log_rotation_size = 0
            """, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** A fresh cluster has only the "postgres" database; ours is created on first start (and after an interrupted one). */
    private void ensureDatabase() throws IOException {
        try (var c = new org.postgresql.Driver().connect(tcpUrl("postgres"), credentials());
             var check = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            check.setString(1, DATABASE);
            if (!check.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("create database " + DATABASE);
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IOException("Could not prepare the database: " + e.getMessage(), e);
        }
    }

    private static byte[] randomBytes() {
        var bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /**
     * A JVM killed with {@code kill -9} leaves its postmaster running (or, if that died too, a stale pid file).
     * We hold the data directory lock, so a live postmaster on our cluster is an orphan: stop it cleanly.
     */
    private void stopLeftoverServer() throws IOException {
        var pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return;
        Optional<Long> pid = Files.readAllLines(pidFile).stream().findFirst().map(String::strip).flatMap(EmbeddedPostgres::parseLong);
        boolean alive = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
            .flatMap(h -> h.info().command()).map(c -> c.endsWith("/postgres")).orElse(false);
        if (alive) {
            log.warn("Found an orphaned PostgreSQL server (pid {}) from an earlier run; stopping it", pid.get());
            stopServer();
        } else {
            log.warn("Removing a stale postmaster.pid (pid {} is not running); PostgreSQL will recover from its WAL", pid.orElse(-1L));
            Files.delete(pidFile);
        }
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void stopServer() throws IOException {
        run(Duration.ofMinutes(2), pg("pg_ctl"), "-D", cluster.toString(), "-m", "fast", "-w", "-t", "110", "stop");
    }

    @Override
    public void close() {
        try {
            stopServer();
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException | RuntimeException e) {
            log.error("Could not stop the embedded PostgreSQL cleanly; the next start recovers", e);
        } finally {
            releaseLock();
        }
    }

    private void releaseLock() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the lock dies with the process anyway
        }
    }

    private String pg(String tool) {
        return bin.resolve("bin").resolve(tool).toString();
    }

    /** Runs a PostgreSQL tool; as root it runs in a user namespace because PostgreSQL refuses to run as root. */
    private void run(Duration timeout, String... command) throws IOException {
        var cmd = new ArrayList<String>();
        if (asRoot) cmd.addAll(List.of("unshare", "-U"));
        cmd.addAll(List.of(command));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        // glibc hands a backend's freed heap back to the kernel once 128 KB is free at its top: under order load every
        // transaction grew the heap by 136 KB and shrank it again (three brk calls, each shrink a TLB flush on every
        // core), about a tenth of PostgreSQL's CPU. Keeping up to 2 MB per backend ends that churn.
        pb.environment().put("MALLOC_TRIM_THRESHOLD_", Integer.toString(2 << 20));
        pb.environment().put("PGPASSWORD", password == null ? readPasswordIfAny() : password);
        var process = pb.start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command[0] + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(Path.of(command[0]).getFileName() + " failed (" + process.exitValue() + "): "
                + new String(output, StandardCharsets.UTF_8).strip() + pgStartLogTail());
        }
    }

    private String readPasswordIfAny() {
        try {
            var f = dataDir.resolve("pg-password");
            return Files.exists(f) ? Files.readString(f).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private String pgStartLogTail() {
        try {
            var lines = Files.readAllLines(dataDir.resolve("pg-start.log"));
            return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean runningAsRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst()
                .map(l -> l.split("\\s+")[1].equals("0")).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
