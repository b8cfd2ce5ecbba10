package io.kizuna.identity.internal;

import io.kizuna.identity.TokenManagement;
import io.kizuna.web.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer <token>}; a bad token is a 401, never a silent anonymous request. */
class BearerTokenFilter extends OncePerRequestFilter {
    private final TokenManagement tokens;
    private final ErrorResponses errors;

    BearerTokenFilter(TokenManagement tokens, ErrorResponses errors) {
        this.tokens = tokens;
        this.errors = errors;
    }

    static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return header.substring(7).strip();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String secret = bearer(request);
        if (secret == null) {
            chain.doFilter(request, response);
            return;
        }
        var actor = tokens.resolve(secret);
        if (actor.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            errors.write(request, response, 401, "invalid-token", "The token is unknown, expired or revoked.", List.of());
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ActorAuthentication(actor.get()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
