package io.kizuna.media;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where the bytes of uploads live, by key ({@code [A-Za-z0-9_-]}). The default keeps them in files under
 * {@code KIZUNA_DATA_DIR/uploads}, which serves one node; an S3-compatible store behind this interface is the path to
 * several nodes. Failures are {@link java.io.UncheckedIOException}s.
 */
public interface BlobStore {

    /** Stores the bytes under the key; readers see the previous blob or the whole new one, never a part. */
    void put(String key, byte[] bytes, String contentType);

    /** The blob, or empty when there is none; the caller closes it. */
    Optional<Blob> get(String key);

    /** Removes the blob; nothing happens when there is none. */
    void delete(String key);

    /** A stored blob: its length in bytes and its content. */
    record Blob(long size, InputStream content) implements Closeable {
        @Override
        public void close() throws IOException {
            content.close();
        }
    }
}
