package io.kizuna.media.internal;

import io.kizuna.media.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Blobs as files under {@code KIZUNA_DATA_DIR/uploads}, in one directory per first two characters of the key so no
 * directory grows past a few thousand entries. A blob is written to a temporary file, forced to disk and moved into
 * place atomically, so a crash never leaves half a file under a key. Files need no content type: {@code media_uploads}
 * keeps it.
 */
@Component
class FileSystemBlobStore implements BlobStore {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{3,128}");
    private final Path root;

    FileSystemBlobStore(@Value("${kizuna.data-dir}") Path dataDir) {
        this.root = dataDir.resolve("uploads");
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        Path target = path(key);
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
            try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                var buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) channel.write(buffer);
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public Optional<Blob> get(String key) {
        Path file = path(key);
        try {
            long size = Files.size(file);
            return Optional.of(new Blob(size, Files.newInputStream(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches()) throw new IllegalArgumentException("Not a blob key: " + key);
        return root.resolve(key.substring(0, 2)).resolve(key);
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) return;
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover temporary file is only litter: it is never read under a key
        }
    }
}
