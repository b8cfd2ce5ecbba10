package io.kizuna.web.internal;

import io.kizuna.shared.Actor;
import io.kizuna.web.PageContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;

/** Builds the {@link PageContext} of a request. */
@Component
class PageContextFactory {
    private final MessageSource messages;

    PageContextFactory(MessageSource messages) {
        this.messages = messages;
    }

    PageContext create(HttpServletRequest request) {
        var locale = RequestContextUtils.getLocale(request);
        Actor actor = null;
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Actor a) actor = a;
        String csrfParameter = "_csrf";
        String csrfToken = "";
        String csrfHeader = "X-XSRF-TOKEN";
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            csrfParameter = token.getParameterName();
            csrfToken = token.getToken();
            csrfHeader = token.getHeaderName();
        }
        return new PageContext(messages, locale, actor, csrfParameter, csrfToken, csrfHeader, request.getRequestURI(), request.getQueryString());
    }
}
