package io.kizuna.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blobs live as whole files under uploads/, one directory per first two characters of the key. */
class FileSystemBlobStoreTests {
    @TempDir
    Path dataDir;

    @Test
    void storesReadsReplacesAndDeletesWholeFiles() throws IOException {
        var store = new FileSystemBlobStore(dataDir);
        // when
        store.put("Ab3xYz0123456789abcdEF", "first".getBytes(StandardCharsets.UTF_8), "image/png");
        store.put("Ab3xYz0123456789abcdEF", "second".getBytes(StandardCharsets.UTF_8), "image/png");
        // then
        try (var blob = store.get("Ab3xYz0123456789abcdEF").orElseThrow()) {
            assertThat(blob.size()).isEqualTo(6);
            assertThat(new String(blob.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
        }
        try (var files = Files.list(dataDir.resolve("uploads/Ab"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("Ab3xYz0123456789abcdEF"); // no temporary file left
        }
        store.delete("Ab3xYz0123456789abcdEF");
        store.delete("Ab3xYz0123456789abcdEF");
        assertThat(store.get("Ab3xYz0123456789abcdEF")).isEmpty();
    }

    @Test
    void refusesKeysThatCouldLeaveTheDirectory() {
        var store = new FileSystemBlobStore(dataDir);
        assertThatThrownBy(() -> store.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("a/b", new byte[1], "image/png")).isInstanceOf(IllegalArgumentException.class);
    }
}
