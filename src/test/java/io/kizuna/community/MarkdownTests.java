package io.kizuna.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.community.internal.Markdown;
import io.kizuna.community.internal.MentionDirectory;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Post bodies render as CommonMark with tables, strikethrough and autolinks, and no script survives. */
class MarkdownTests {
    private final Markdown markdown = new Markdown(MentionDirectory.NONE);

    static List<String> xssCorpus() {
        return List.of(
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>",
            "<body onload=alert(1)>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](  javascript:alert(1))",
            "[click](java\tscript:alert(1))",
            "[click](&#106;avascript:alert(1))",
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[click](vbscript:msgbox(1))",
            "![x](javascript:alert(1))",
            "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=x onclick=alert(1)>x</a>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<p style=\"position:fixed;top:0\">overlay</p>",
            "<style>body{display:none}</style>",
            "<link rel=stylesheet href=//evil.example/x.css>",
            "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
            "<object data=javascript:alert(1)></object>",
            "<embed src=javascript:alert(1)>",
            "<form action=javascript:alert(1)><button>x</button></form>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<details open ontoggle=alert(1)>",
            "<input autofocus onfocus=alert(1)>",
            "<video><source onerror=alert(1)></video>",
            "`<script>alert(1)</script>` and ```\n<script>alert(1)</script>\n```",
            "[x](https://example.com\" onmouseover=\"alert(1))",
            "<a href=\"https://example.com\" target=_blank onmouseover=alert(1)>hover</a>",
            "<<script>script>alert(1)<</script>/script>",
            "<img src=\"x\" alt=\"\"\" onerror=\"alert(1)\">",
            "[link](https://example.com \"title\\\" onmouseover=alert(1)\")",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">");
    }

    @ParameterizedTest
    @MethodSource("xssCorpus")
    void neverRendersScriptHandlersStylesOrDangerousUrls(String payload) {
        String html = markdown.toHtml(payload).toLowerCase(Locale.ROOT);
        assertThat(html).doesNotContain("<script").doesNotContain("<iframe").doesNotContain("<svg").doesNotContain("<img")
            .doesNotContain("<style").doesNotContain("<object").doesNotContain("<embed").doesNotContain("<form")
            .doesNotContain("<meta").doesNotContain("<link").doesNotContain("<input").doesNotContain("<video")
            .doesNotContain("style=").doesNotContain("href=\"javascript").doesNotContain("href=\"data:")
            .doesNotContain("href=\"vbscript").doesNotContain("src=");
        assertThat(html).doesNotContainPattern("<[a-z][^>]*\\son[a-z]+\\s*=");
    }

    @Test
    void rendersCommonMarkWithTablesStrikethroughAndAutolinks() {
        String html = markdown.toHtml("""
            # 見出し

            **太字** と ~~取り消し~~ と `code`

            > 引用

            | 商品 | 価格 |
            |:--|--:|
            | 豆 | 1,080 |

            https://example.com を見てください

            ```java
            var x = 1;
            ```
            """);
        assertThat(html).contains("<h1>見出し</h1>").contains("<strong>太字</strong>").contains("<del>取り消し</del>")
            .contains("<code>code</code>").contains("<blockquote>").contains("<table>").contains("<td align=\"right\">1,080</td>")
            .containsPattern("<a href=\"https://example.com\" rel=\"(?=[^\"]*nofollow)(?=[^\"]*noopener)(?=[^\"]*ugc)[^\"]*\">https://example.com</a>")
            .contains("<code class=\"language-java\">");
    }

    @ParameterizedTest
    @MethodSource("outsideImages")
    void dropsImagesThatAreNotUploadsOnThisServer(String source) {
        assertThat(markdown.toHtml(source)).doesNotContain("<img").doesNotContain("src=");
    }

    static List<String> outsideImages() {
        return List.of(
            "![猫](https://example.com/cat.png)",
            "![track](http://evil.example/pixel.gif)",
            "![x](//evil.example/x.png)",
            "![x](data:image/png;base64,iVBORw0KGgo=)",
            "![x](javascript:alert(1))",
            "![src](/media/../api/v1/me)",
            "![x](/media/short)",
            "![x](/media/AAAAAAAAAAAAAAAAAAAAAAAA/other)",
            "![x](/media/AAAAAAAAAAAAAAAAAAAAAAAA?x=1)",
            "![x](https://example.com/media/AAAAAAAAAAAAAAAAAAAAAAAA)");
    }

    @Test
    void showsUploadedImagesLazilyWithTheirAltText() {
        String html = markdown.toHtml("写真です ![箱の中身](/media/Ab3_-xYz0123456789abcdEF) と ![](/media/Ab3_-xYz0123456789abcdEF/thumb)");
        assertThat(html).contains("<img src=\"/media/Ab3_-xYz0123456789abcdEF\" alt=\"箱の中身\" loading=\"lazy\" />")
            .contains("<img src=\"/media/Ab3_-xYz0123456789abcdEF/thumb\" alt=\"\" loading=\"lazy\" />");
    }

    @Test
    void rawHtmlIsShownAsText() {
        assertThat(markdown.toHtml("<b>bold?</b>")).isEqualTo("<p>&lt;b&gt;bold?&lt;/b&gt;</p>\n");
    }

    @Test
    void mentionsOfExistingMembersLinkToTheirProfilesOutsideCodeAndLinks() {
        var withMembers = new Markdown(handles -> handles.contains("taro") ? java.util.Map.of("taro", 7L) : java.util.Map.of());
        var rendered = withMembers.render("ありがとう@Taro さん、@nobody と `@taro` と [@taro](https://example.com) と taro@example.com");
        assertThat(rendered.mentionedUserIds()).containsExactly(7L);
        String html = rendered.html().replace("&#64;", "@");
        assertThat(html).contains("ありがとう<a href=\"/u/7\"").contains(">@Taro</a> さん、@nobody と <code>@taro</code>")
            .contains("<a href=\"https://example.com\"").contains("mailto:taro@example.com");
        assertThat(rendered.html().split("/u/7", -1)).hasSize(2);
    }
}
