package io.kizuna.identity.internal;

import io.kizuna.identity.IdentityManagement;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Re-checks the member behind a web session on each request (cached for a few seconds), so a role change,
 * a verified address or an erased account takes effect without signing in again.
 */
class SessionActorFilter extends OncePerRequestFilter {
    private final IdentityManagement identity;
    private final SecurityContextRepository contexts;

    SessionActorFilter(IdentityManagement identity, SecurityContextRepository contexts) {
        this.identity = identity;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof ActorAuthentication session && BearerTokenFilter.bearer(request) == null) {
            var current = identity.actor(session.getPrincipal().id());
            if (current.isEmpty()) {
                SecurityContextHolder.clearContext();
                var httpSession = request.getSession(false);
                if (httpSession != null) httpSession.invalidate();
            } else if (!current.get().equals(session.getPrincipal())) {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new ActorAuthentication(current.get()));
                SecurityContextHolder.setContext(context);
                contexts.saveContext(context, request, response);
            }
        }
        chain.doFilter(request, response);
    }
}
