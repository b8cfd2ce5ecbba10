package io.kizuna.media.web;

import io.kizuna.media.MediaFile;
import io.kizuna.media.MediaManagement;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Serves uploads to anyone who has the URL. The bytes never change under an id, so they are cached for a year;
 * the headers keep a browser from treating an image as anything but an image, even when opened on its own.
 */
@Controller
class MediaController {
    private static final String CACHE_FOREVER = "public, max-age=31536000, immutable";
    private static final String SANDBOX = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
    private final MediaManagement media;

    MediaController(MediaManagement media) {
        this.media = media;
    }

    @GetMapping("/media/{id}")
    void original(@PathVariable String id, ServletWebRequest request, HttpServletResponse response) throws IOException {
        serve(media.original(id), request, response);
    }

    @GetMapping("/media/{id}/thumb")
    void thumbnail(@PathVariable String id, ServletWebRequest request, HttpServletResponse response) throws IOException {
        serve(media.thumbnail(id), request, response);
    }

    private void serve(MediaFile file, ServletWebRequest request, HttpServletResponse response) throws IOException {
        if (request.checkNotModified(file.etag())) { // 304, with the ETag
            mediaHeaders(response);
            return;
        }
        try (var blob = media.open(file)) {
            mediaHeaders(response);
            response.setContentType(file.contentType());
            response.setContentLengthLong(blob.size());
            blob.content().transferTo(response.getOutputStream());
        }
    }

    /** Set only once the bytes are there: an error page must not be cached for a year. */
    private static void mediaHeaders(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", SANDBOX);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "inline");
    }
}
