package io.kizuna.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.live.Views.Embed;
import org.junit.jupiter.api.Test;

class StreamUrlsTests {

    @Test
    void youtubeLinksPlayFromTheNoCookieDomainWithTheirTimeReadable() {
        for (String url : new String[] {"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3", "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube.com/live/dQw4w9WgXcQ", "https://m.youtube.com/embed/dQw4w9WgXcQ"}) {
            assertThat(StreamUrls.embed(url)).as(url)
                .contains(new Embed("youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?enablejsapi=1&playsinline=1"));
        }
    }

    @Test
    void vimeoAndHttpsVideoFilesAreEmbedded() {
        assertThat(StreamUrls.embed("https://vimeo.com/123456")).contains(new Embed("vimeo", "https://player.vimeo.com/video/123456"));
        assertThat(StreamUrls.embed("https://cdn.example.jp/live/show.m3u8")).contains(new Embed("video", "https://cdn.example.jp/live/show.m3u8"));
    }

    @Test
    void refusesAnythingElse() {
        for (String url : new String[] {"http://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://evil.example/watch?v=dQw4w9WgXcQ",
            "javascript:alert(1)", "https://www.youtube.com/watch?v=<script>", "https://user@cdn.example.jp/a.mp4", "https://vimeo.com/abc", "", null}) {
            assertThat(StreamUrls.embed(url)).as(String.valueOf(url)).isEmpty();
        }
    }

    @Test
    void aLastEventIdIsASequenceNumberOrNothing() {
        assertThat(LiveHub.sequence("42")).isEqualTo(42);
        assertThat(LiveHub.sequence(" 7 ")).isEqualTo(7);
        assertThat(LiveHub.sequence("abc")).isEqualTo(-1);
        assertThat(LiveHub.sequence("-3")).isEqualTo(-1);
        assertThat(LiveHub.sequence(null)).isEqualTo(-1);
    }
}
