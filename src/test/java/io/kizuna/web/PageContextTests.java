package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

class PageContextTests {

    @Test
    void wholeNumbersReadAsMessageFormatWouldWriteThemInBothLanguages() {
        var random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            long n = switch (i % 4) {
                case 0 -> random.nextInt(1_000);
                case 1 -> random.nextInt();
                case 2 -> random.nextLong();
                default -> -random.nextInt(100_000);
            };
            for (var locale : new Locale[] {Locale.JAPANESE, Locale.ENGLISH}) {
                assertThat(PageContext.grouped(n)).as("%d in %s", n, locale).isEqualTo(new MessageFormat("{0}", locale).format(new Object[] {n}));
            }
        }
        assertThat(PageContext.grouped(Long.MIN_VALUE)).isEqualTo("-9,223,372,036,854,775,808");
        assertThat(PageContext.grouped(1000)).isEqualTo("1,000");
        assertThat(PageContext.grouped(999)).isEqualTo("999");
    }

    @Test
    void translatedMessagesTakeNumbersAndTextAndLeaveTheCallersArgumentsAlone() {
        var messages = new StaticMessageSource();
        messages.addMessage("reviews.count", Locale.JAPANESE, "{0}件のレビュー（{1}）");
        var page = new PageContext(messages, Locale.JAPANESE, null, "_csrf", "", "X-CSRF-TOKEN", "/", null);
        Object[] args = {12_345, "最新"};
        assertThat(page.t("reviews.count", args)).isEqualTo("12,345件のレビュー（最新）");
        assertThat(args[0]).isEqualTo(12_345);
        assertThat(page.t("unknown.key")).isEqualTo("unknown.key");
    }

    @Test
    void aSummaryIsMarkdownAsOneLineOfPlainTextCutAtItsLimit() {
        assertThat(PageContext.summary("# 見出し\n\n**太字**と[リンク](https://example.com)、![写真](/media/x) `code`\n> 引用", 150))
            .isEqualTo("見出し 太字とリンク、写真 code 引用");
        assertThat(PageContext.summary("あ".repeat(200), 150)).hasSize(150).endsWith("…");
        assertThat(PageContext.summary("😀".repeat(200), 10)).isEqualTo("😀".repeat(9) + "…");
        assertThat(PageContext.summary(null, 10)).isEmpty();
    }

    @Test
    void datesAndTimesAreReadInJapanTime() {
        var page = new PageContext(new StaticMessageSource(), Locale.ENGLISH, null, "_csrf", "", "X-CSRF-TOKEN", "/", null);
        var eveningInUtc = java.time.OffsetDateTime.parse("2026-01-01T20:30:00Z");
        assertThat(page.date(eveningInUtc)).isEqualTo("2026-01-02");
        assertThat(page.time(eveningInUtc)).isEqualTo("2026-01-02 05:30");
        assertThat(page.date(null)).isEmpty();
    }

    @Test
    void aCountOfOneTakesTheSingularWhereTheLanguageHasOne() {
        var messages = new StaticMessageSource();
        messages.addMessage("community.posts", Locale.ENGLISH, "{0} posts");
        messages.addMessage("community.posts.one", Locale.ENGLISH, "{0} post");
        messages.addMessage("community.posts", Locale.JAPANESE, "{0} 件の投稿");
        var en = new PageContext(messages, Locale.ENGLISH, null, "_csrf", "", "X-CSRF-TOKEN", "/", null);
        var ja = new PageContext(messages, Locale.JAPANESE, null, "_csrf", "", "X-CSRF-TOKEN", "/", null);
        assertThat(en.t("community.posts", 1)).isEqualTo("1 post");
        assertThat(en.t("community.posts", 1L)).isEqualTo("1 post");
        assertThat(en.t("community.posts", 0)).isEqualTo("0 posts");
        assertThat(en.t("community.posts", 1_001)).isEqualTo("1,001 posts");
        assertThat(ja.t("community.posts", 1)).isEqualTo("1 件の投稿");
    }
}
