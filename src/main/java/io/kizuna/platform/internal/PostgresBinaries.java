package io.kizuna.platform.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/** The PostgreSQL binaries from zonky's jar, unpacked under the data directory for {@link EmbeddedPostgres}. */
final class PostgresBinaries {
    private static final String BINARIES = "/postgres-linux-x86_64.txz";

    private PostgresBinaries() {}

    /**
     * Unpacks the PostgreSQL binaries once per binaries jar under {@code pg-bin/}. The jar's name carries the
     * PostgreSQL version, so a normal start only checks a marker file instead of reading the 15 MB archive.
     */
    static Path unpack(Path dataDir) throws IOException {
        var resource = PostgresBinaries.class.getResource(BINARIES);
        if (resource == null) {
            throw new IllegalStateException("No embedded PostgreSQL for this platform (Linux x86_64 only); set KIZUNA_DATABASE_URL");
        }
        String hash;
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(resource.toString().replace("!" + BINARIES, "").replaceAll("^.*/", "").getBytes(StandardCharsets.UTF_8));
            hash = HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        var target = dataDir.resolve("pg-bin").resolve(hash);
        if (Files.exists(target.resolve(".complete"))) return target;
        byte[] archive;
        try (InputStream in = resource.openStream()) {
            archive = in.readAllBytes();
        }
        var staging = Files.createDirectories(dataDir.resolve("pg-bin")).resolve(hash + ".unpacking-" + ProcessHandle.current().pid());
        try (var tar = new TarArchiveInputStream(new XZInputStream(new java.io.ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                var out = staging.resolve(entry.getName()).normalize();
                if (!out.startsWith(staging)) throw new IOException("Unsafe path in PostgreSQL archive: " + entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out);
                    if ((entry.getMode() & 0100) != 0) out.toFile().setExecutable(true, false);
                }
            }
        }
        Files.writeString(staging.resolve(".complete"), "ok");
        try {
            Files.move(staging, target);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // another process unpacked the same archive first
        }
        return target;
    }
}
