package io.kizuna.platform.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's Unix socket: where it lives ({@code pg-socket/} in the data directory) and the JDBC URL that
 * reaches it through junixsocket's socket factory.
 */
final class UnixSocket {
    private static final Logger log = LoggerFactory.getLogger(UnixSocket.class);

    private UnixSocket() {}

    /**
     * The directory for the server's Unix socket, or null where it cannot have one: the socket's path must fit the
     * kernel's 108 bytes and pass unquoted through pg_ctl's shell, and the socket library must load on this platform.
     */
    static Path directory(Path dataDir, int port) throws IOException {
        var dir = dataDir.resolve("pg-socket");
        var file = dir.resolve(".s.PGSQL." + port).toString();
        if (file.getBytes(StandardCharsets.UTF_8).length > 100 || !SHELL_SAFE.matcher(file).matches()) {
            log.info("The data directory's path is too long or unusual for a Unix socket; PostgreSQL is reached over TCP");
            return null;
        }
        if (!unixSocketsLoad()) {
            log.warn("Unix sockets are not supported here (the junixsocket library did not load); PostgreSQL is reached over TCP");
            return null;
        }
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        // a server killed hard leaves its socket and lock file behind; the caller stopped any server left running on this cluster first
        try (var leftovers = Files.list(dir)) {
            for (var leftover : (Iterable<Path>) leftovers::iterator) Files.deleteIfExists(leftover);
        }
        return dir;
    }

    private static boolean unixSocketsLoad() {
        try {
            return AFUNIXSocket.isSupported();
        } catch (LinkageError e) { // a native library for another platform or C library: TCP serves as well
            return false;
        }
    }

    private static final java.util.regex.Pattern SHELL_SAFE = java.util.regex.Pattern.compile("[A-Za-z0-9/._+-]+");

    /** A database of the server listening on {@code socket} (pgjdbc still wants a host and port; they go unused). */
    static String url(Path socket, int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?socketFactory=" + AFUNIXSocketFactory.FactoryArg.class.getName()
            + "&socketFactoryArg=" + URLEncoder.encode(socket.toString(), StandardCharsets.UTF_8);
    }
}
