package io.kizuna.moderation.internal;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/** Guidelines Markdown to HTML: raw HTML escaped, then an allow-list of text formatting, blocks and http(s) links. */
public final class GuidelinesMarkdown {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.LINKS).and(Sanitizers.TABLES);

    private GuidelinesMarkdown() {}

    public static String toHtml(String markdown) {
        return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown == null ? "" : markdown)));
    }
}
