package io.kizuna.identity.internal;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.identity.TokenManagement;
import io.kizuna.web.ErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Authentication for the whole server: web sessions (cookie, CSRF) for pages and for browser calls to the API,
 * bearer tokens for API clients. Authorization itself lives in each module's policy, called by its controllers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    static final String SESSION_COOKIE = "KIZUNA_SESSION";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
        + "media-src 'self' https:; frame-src https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com; "
        + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    // Swagger UI ships inline styles; everything else stays as strict
    private static final String DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /**
     * No observation per security filter per request: the filters ran wrapped in no-op observations even with
     * {@code management.observations.enable.spring.security=false} (several % of an order's CPU in a profile).
     * HTTP requests are still timed by the server's own observation.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    CsrfTokenRepository csrfTokenRepository(@Value("${kizuna.cookies.secure:true}") boolean secure) {
        var repo = new CookieCsrfTokenRepository();
        repo.setCookieName("KIZUNA_CSRF");
        repo.setCookieCustomizer(c -> c.secure(secure).sameSite("Lax").httpOnly(true).path("/"));
        return repo;
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http, TokenManagement tokens, IdentityManagement identity,
                                            ErrorResponses errors, SecurityContextRepository contexts,
                                            CsrfTokenRepository csrfTokens) throws Exception {
        http
            .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).requireCsrfProtectionMatcher(SecurityConfiguration::needsCsrf))
            .securityContext(c -> c.securityContextRepository(contexts))
            // no sessionManagement(): its filter would store bearer-token logins in new sessions; pages sign in
            // explicitly (SignInController) with a new session id, which is the session-fixation protection
            .requestCache(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .httpBasic(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .authorizeHttpRequests(a -> a.anyRequest().permitAll())
            .exceptionHandling(e -> e
                .authenticationEntryPoint((req, res, ex) -> errors.write(req, res, 401, "unauthorized", "Sign in first.", List.of()))
                .accessDeniedHandler((req, res, ex) -> errors.write(req, res, 403, "forbidden",
                    "The request was refused (a missing or stale CSRF token, or no permission).", List.of())))
            .headers(h -> h
                .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .frameOptions(f -> f.deny())
                .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", "camera=(), microphone=(), geolocation=()")))
            .addFilterBefore(new BearerTokenFilter(tokens, errors), AnonymousAuthenticationFilter.class)
            .addFilterBefore(new SessionActorFilter(identity, contexts), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain docsFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/swagger-ui/**", "/swagger-ui.html")
            .csrf(AbstractHttpConfigurer::disable)
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .authorizeHttpRequests(a -> a.anyRequest().permitAll())
            .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(DOCS_CSP)).frameOptions(f -> f.deny()));
        return http.build();
    }

    /**
     * CSRF protects requests that a browser authenticates by cookie. API requests with a bearer token, or with no
     * session cookie at all, carry no ambient authority, so they need no CSRF token.
     */
    static boolean needsCsrf(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) return false;
        // one-click unsubscribe (RFC 8058): the secret token in the URL is the authority, and mail clients post without cookies
        if (request.getRequestURI().startsWith("/unsubscribe/")) return false;
        if (!ErrorResponses.isApi(request)) return true;
        if (BearerTokenFilter.bearer(request) != null) return false;
        var cookies = request.getCookies();
        if (cookies == null) return false;
        for (var c : cookies) {
            if (SESSION_COOKIE.equals(c.getName())) return true;
        }
        return false;
    }
}
