package io.kizuna.community.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.node.Image;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.stereotype.Component;

/**
 * Renders post bodies: CommonMark with tables, strikethrough and autolinks. Raw HTML in the source is shown as text,
 * {@code @handle} mentions link to the member's profile,
 * and the output passes an allow-list sanitizer, so no script, event handler, style or javascript:/data: URL survives.
 * Images show only when they are uploads on this server ({@code /media/{id}}): an outside image would tell another
 * site who reads the post, and data: URLs can hide anything.
 */
@Component
public class Markdown {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create());
    private static final Pattern LANGUAGE = Pattern.compile("language-[A-Za-z0-9_+#-]{1,30}");
    private static final Pattern ALIGN = Pattern.compile("left|center|right");
    /** @handle not preceded by a letter, digit, dot or @ (so mail addresses stay addresses); Japanese text may touch it. */
    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_.@])@([A-Za-z0-9_]{3,20})(?![A-Za-z0-9_])");
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

    /** Sanitized HTML and the members it mentions (existing handles only). */
    public record Rendered(String html, Set<Long> mentionedUserIds) {}

    private final MentionDirectory mentions;

    public Markdown(MentionDirectory mentions) {
        this.mentions = mentions;
    }

    public String toHtml(String markdown) {
        return render(markdown).html();
    }

    /** Renders a post; {@code @handle} of an existing member becomes a link to their profile (not inside code or links). */
    public Rendered render(String markdown) {
        Node document = parser.parse(markdown);
        var found = new LinkedHashSet<String>();
        eachMentionText(document, text -> {
            var m = MENTION.matcher(text.getLiteral());
            while (m.find()) found.add(m.group(1).toLowerCase(Locale.ROOT));
        });
        var ids = found.isEmpty() ? Map.<String, Long>of() : mentions.resolve(found);
        if (!ids.isEmpty()) eachMentionText(document, text -> linkMentions(text, ids));
        return new Rendered(policy.sanitize(renderer.render(document)), Set.copyOf(ids.values()));
    }

    /** Calls {@code action} for every text node outside links (code spans and blocks are not text nodes). */
    private static void eachMentionText(Node document, java.util.function.Consumer<Text> action) {
        var texts = new ArrayList<Text>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                // a mention inside a link's text stays part of that link
            }

            @Override
            public void visit(Text text) {
                texts.add(text);
            }
        });
        texts.forEach(action);
    }

    private static void linkMentions(Text text, Map<String, Long> ids) {
        String literal = text.getLiteral();
        var m = MENTION.matcher(literal);
        int last = 0;
        Node cursor = text;
        boolean changed = false;
        while (m.find()) {
            Long id = ids.get(m.group(1).toLowerCase(Locale.ROOT));
            if (id == null) continue;
            if (m.start() > last) cursor = insertAfter(cursor, new Text(literal.substring(last, m.start())));
            var link = new Link("/u/" + id, null);
            link.appendChild(new Text(m.group()));
            cursor = insertAfter(cursor, link);
            last = m.end();
            changed = true;
        }
        if (!changed) return;
        if (last < literal.length()) insertAfter(cursor, new Text(literal.substring(last)));
        text.unlink();
    }

    private static Node insertAfter(Node anchor, Node node) {
        anchor.insertAfter(node);
        return node;
    }

    /** Attributes come as a flat list: name, value, name, value, … */
    private static boolean hasAttribute(List<String> attributes, String name) {
        for (int i = 0; i < attributes.size(); i += 2) {
            if (attributes.get(i).equals(name)) return true;
        }
        return false;
    }
}
