package io.kizuna.web.internal;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;

/**
 * Resolves view names to precompiled JTE templates ({@code identity/login} → {@code identity/login.jte}).
 * Pages render into a buffer first, so cookies set while rendering (the CSRF token) still reach the response.
 */
@Component
class JteViewResolver implements ViewResolver, Ordered {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, null, "io.kizuna.templates");
    private final PageContextFactory pages;

    JteViewResolver(PageContextFactory pages) {
        this.pages = pages;
    }

    @Override
    public View resolveViewName(String viewName, Locale locale) {
        if (viewName.startsWith("redirect:") || viewName.startsWith("forward:")) return null;
        String template = viewName + ".jte";
        return new View() {
            @Override
            public String getContentType() {
                return "text/html;charset=UTF-8";
            }

            @Override
            public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response) throws Exception {
                response.setContentType(getContentType());
                writePage(template, model, request, response);
            }
        };
    }

    void writePage(String template, Map<String, ?> model, HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
        Map<String, Object> params = new HashMap<>();
        // Spring adds binding results and other helpers; templates only declare what they use.
        model.forEach((k, v) -> {
            if (!k.startsWith("org.springframework")) params.put(k, v);
        });
        params.put("page", pages.create(request));
        var out = new Utf8ByteOutput();
        engine.render(template, params, out);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(out.getContentLength());
        out.writeTo(response.getOutputStream());
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
