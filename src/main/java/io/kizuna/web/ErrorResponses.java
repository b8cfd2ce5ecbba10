package io.kizuna.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes an error the way the caller expects it: problem+json (RFC 9457) under {@code /api},
 * an HTML error page in the visitor's language everywhere else. Filters that refuse a request
 * (authentication, rate limits) use this so their errors look like every other error.
 */
public interface ErrorResponses {

    /** The problem {@code type} for a slug, for example {@code /problems/out-of-stock}. */
    static String type(String slug) {
        return "/problems/" + slug;
    }

    static boolean isApi(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith(context + "/api/") || uri.equals(context + "/api");
    }

    void write(HttpServletRequest request, HttpServletResponse response, int status, String slug, String detail,
               List<Map<String, String>> fieldErrors) throws IOException;
}
