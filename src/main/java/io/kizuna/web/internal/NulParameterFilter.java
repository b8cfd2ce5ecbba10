package io.kizuna.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query or form field holding U+0000 with a 400 before any module sees it: PostgreSQL cannot store the
 * character, and page forms reach each module's own rules, not all of which look for it (JSON bodies are refused by
 * {@link JsonConfiguration}). Runs inside the request gate, which has parsed form fields already; a multipart form's
 * fields are left to its handler, since reading them here would read the upload.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class NulParameterFilter extends OncePerRequestFilter {
    private final ErrorResponder responder;

    NulParameterFilter(ErrorResponder responder) {
        this.responder = responder;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refused = multipart(request) ? queryField(request) : field(request.getParameterMap());
        if (refused != null) {
            responder.write(request, response, 400, "invalid-input", "The request has invalid fields.",
                List.of(ProblemMapper.field(refused, "validation.invalidCharacter")));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean multipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** The first field with U+0000 in it, or null. */
    private static String field(Map<String, String[]> parameters) {
        for (var e : parameters.entrySet()) {
            for (String value : e.getValue()) if (value.indexOf('\u0000') >= 0) return e.getKey();
        }
        return null;
    }

    private static String queryField(HttpServletRequest request) {
        String query = request.getQueryString();
        return query != null && query.toLowerCase(Locale.ROOT).contains("%00") ? "query" : null;
    }
}
