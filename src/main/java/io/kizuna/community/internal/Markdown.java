package io.kizuna.community.internal;

import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.node.Image;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.stereotype.Component;

/**
 * Renders post bodies: CommonMark with tables, strikethrough and autolinks. Raw HTML in the source is shown as text,
 * and the output passes an allow-list sanitizer, so no script, event handler, style or javascript:/data: URL survives.
 * Images show only when they are uploads on this server ({@code /media/{id}}): an outside image would tell another
 * site who reads the post, and data: URLs can hide anything.
 */
@Component
public class Markdown {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create());
    private static final Pattern LANGUAGE = Pattern.compile("language-[A-Za-z0-9_+#-]{1,30}");
    private static final Pattern ALIGN = Pattern.compile("left|center|right");
    private static final Pattern MEDIA_SRC = Pattern.compile("/media/[A-Za-z0-9_-]{20,40}(/thumb)?");

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true)
        .attributeProviderFactory(context -> (node, tag, attributes) -> {
            if (node instanceof Image) attributes.put("loading", "lazy");
        })
        .build();
    private final PolicyFactory policy = new HtmlPolicyBuilder()
        .allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong",
            "del", "s", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td")
        .allowUrlProtocols("http", "https", "mailto")
        .allowAttributes("href").onElements("a")
        .requireRelsOnLinks("nofollow", "noopener", "noreferrer", "ugc")
        .allowAttributes("start").matching(Pattern.compile("\\d{1,6}")).onElements("ol")
        .allowAttributes("class").matching(LANGUAGE).onElements("code")
        .allowAttributes("align").matching(ALIGN).onElements("th", "td")
        .allowAttributes("src").matching(MEDIA_SRC).onElements("img")
        .allowAttributes("alt").onElements("img")
        .allowAttributes("loading").matching(Pattern.compile("lazy")).onElements("img")
        // an image whose src was refused goes entirely, not as an empty frame
        .allowElements((name, attributes) -> hasAttribute(attributes, "src") ? name : null, "img")
        .toFactory();

    public String toHtml(String markdown) {
        return policy.sanitize(renderer.render(parser.parse(markdown)));
    }

    /** Attributes come as a flat list: name, value, name, value, … */
    private static boolean hasAttribute(List<String> attributes, String name) {
        for (int i = 0; i < attributes.size(); i += 2) {
            if (attributes.get(i).equals(name)) return true;
        }
        return false;
    }
}
