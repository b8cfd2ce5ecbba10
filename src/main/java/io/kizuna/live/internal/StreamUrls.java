package io.kizuna.live.internal;

import io.kizuna.live.Views.Embed;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The stream addresses a show may embed, and how: YouTube (watch, live, youtu.be and embed links; played from
 * youtube-nocookie.com) and Vimeo as iframes that the page's CSP allows, or an HTTPS video or HLS file
 * ({@code .m3u8}, {@code .mp4}, {@code .webm}) as a {@code <video>}. Anything else is refused.
 */
public final class StreamUrls {
    private static final Pattern YOUTUBE_ID = Pattern.compile("[A-Za-z0-9_-]{6,20}");
    private static final Pattern VIMEO_ID = Pattern.compile("\\d{3,12}");

    private StreamUrls() {}

    public static Optional<Embed> embed(String url) {
        if (url == null || url.length() > 2000) return Optional.empty();
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() != null) return Optional.empty();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getPath() == null ? "" : uri.getPath();
        String[] parts = path.split("/");
        if (host.equals("youtu.be") && parts.length == 2) return youtube(parts[1]);
        if (host.equals("youtube.com") || host.endsWith(".youtube.com") || host.equals("www.youtube-nocookie.com")) {
            if (path.equals("/watch")) return youtube(query(uri, "v"));
            if (parts.length == 3 && (parts[1].equals("live") || parts[1].equals("embed"))) return youtube(parts[2]);
            return Optional.empty();
        }
        if (host.equals("vimeo.com") && parts.length == 2) return vimeo(parts[1]);
        if (host.equals("player.vimeo.com") && parts.length == 3 && parts[1].equals("video")) return vimeo(parts[2]);
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".m3u8") || lower.endsWith(".mp4") || lower.endsWith(".webm")) return Optional.of(new Embed("video", uri.toString()));
        return Optional.empty();
    }

    private static Optional<Embed> youtube(String id) {
        if (id == null || !YOUTUBE_ID.matcher(id).matches()) return Optional.empty();
        // enablejsapi: the replay reads the video's time through postMessage, without loading YouTube's script
        return Optional.of(new Embed("youtube", "https://www.youtube-nocookie.com/embed/" + id + "?enablejsapi=1&playsinline=1"));
    }

    private static Optional<Embed> vimeo(String id) {
        if (!VIMEO_ID.matcher(id).matches()) return Optional.empty();
        return Optional.of(new Embed("vimeo", "https://player.vimeo.com/video/" + id));
    }

    private static String query(URI uri, String name) {
        if (uri.getRawQuery() == null) return null;
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) return pair.substring(name.length() + 1);
        }
        return null;
    }
}
