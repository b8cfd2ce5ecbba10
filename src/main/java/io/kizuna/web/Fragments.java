package io.kizuna.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.Content;
import gg.jte.output.StringOutput;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Renders one module's template inside another module's page (a product page's reviews, the home page's featured
 * photos): the result is written into the including page's output, escaped like any template.
 */
@Component
public class Fragments {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, null, "io.kizuna.templates");

    /** {@code template} as {@code reviews/section} (no extension); {@code params} are its {@code @param}s. */
    public Content of(String template, Map<String, Object> params) {
        return output -> engine.render(template + ".jte", params, output);
    }

    /** The same, rendered now into escaped HTML text: what a caller may keep and hand back through {@link #html}. */
    public String render(String template, Map<String, Object> params) {
        var out = new StringOutput();
        engine.render(template + ".jte", params, out);
        return out.toString();
    }

    /** HTML that {@link #render} made, written as it is. */
    public static Content html(String rendered) {
        return output -> output.writeContent(rendered);
    }
}
