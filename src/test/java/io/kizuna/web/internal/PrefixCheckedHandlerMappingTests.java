package io.kizuna.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPatternParser;

class PrefixCheckedHandlerMappingTests {
    private static final RequestMappingInfo.BuilderConfiguration PATTERNS = new RequestMappingInfo.BuilderConfiguration();

    static {
        PATTERNS.setPatternParser(new PathPatternParser());
    }

    private static String[] starts(String... patterns) {
        return PrefixCheckedHandlerMapping.literalStarts(RequestMappingInfo.paths(patterns).options(PATTERNS).build());
    }

    @Test
    void aMappingIsTestedInFullOnlyWhenThePathStartsWithItsLiteralPart() {
        var posts = starts("/api/v1/threads/{id}/posts");
        assertThat(posts).containsExactly("/api/v1/threads/");
        assertThat(PrefixCheckedHandlerMapping.mayMatch(posts, "/api/v1/threads/12/posts")).isTrue();
        assertThat(PrefixCheckedHandlerMapping.mayMatch(posts, "/api/v1/spaces/bench/threads")).isFalse();
        assertThat(PrefixCheckedHandlerMapping.mayMatch(starts("/t/{id}", "/api/v1/ping"), "/api/v1/ping")).isTrue();
        assertThat(PrefixCheckedHandlerMapping.mayMatch(starts("/css/**"), "/js/app.js")).isFalse();
    }

    @Test
    void patternsThatMayMatchAnythingAndEscapedPathsAlwaysTakeTheFullTest() {
        assertThat(starts("/{slug}")).isEmpty();
        assertThat(starts("/**")).isEmpty();
        assertThat(starts("/")).isEmpty();
        assertThat(starts("/t/{id}", "/{slug}")).isEmpty();
        assertThat(PrefixCheckedHandlerMapping.mayMatch(starts("/{slug}"), "/anything")).isTrue();
        // patterns match decoded segments without ;parameters, so such paths are never rejected by the prefix
        assertThat(PrefixCheckedHandlerMapping.mayMatch(starts("/api/v1/threads/{id}"), "/api/v1/%74hreads/1")).isTrue();
        assertThat(PrefixCheckedHandlerMapping.mayMatch(starts("/api/v1/threads/{id}"), "/api;x=1/v1/threads/1")).isTrue();
    }
}
