package io.kizuna.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * URLs of the static files under {@code /css} and {@code /js} with a version taken from their content
 * ({@code /css/app.css?v=1a2b3c4d}), so browsers may keep them for a year and still fetch a changed file at once.
 * Templates link static files only through {@link PageContext#asset}.
 */
public final class Assets {
    private static final Map<String, String> URLS = new ConcurrentHashMap<>();

    private Assets() {}

    public static String url(String path) {
        return URLS.computeIfAbsent(path, Assets::versioned);
    }

    private static String versioned(String path) {
        try (InputStream in = Assets.class.getResourceAsStream("/static" + path)) {
            if (in == null) throw new IllegalArgumentException("No static file " + path);
            var sha = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return path + "?v=" + HexFormat.of().formatHex(sha, 0, 4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
