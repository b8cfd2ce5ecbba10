package io.kizuna.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.web.internal.PrefixCheckedHandlerMapping.Literals;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPatternParser;

class PrefixCheckedHandlerMappingTests {
    private static final RequestMappingInfo.BuilderConfiguration PATTERNS = new RequestMappingInfo.BuilderConfiguration();

    static {
        PATTERNS.setPatternParser(new PathPatternParser());
    }

    private static Literals literals(String... patterns) {
        return Literals.of(RequestMappingInfo.paths(patterns).options(PATTERNS).build());
    }

    private static Literals literals(RequestMethod method, String... patterns) {
        return Literals.of(RequestMappingInfo.paths(patterns).methods(method).options(PATTERNS).build());
    }

    @Test
    void aMappingIsTestedInFullOnlyWhenThePathHasItsLiteralStartAndEnd() {
        var posts = literals("/api/v1/threads/{id}/posts");
        assertThat(posts.starts()).containsExactly("/api/v1/threads/");
        assertThat(posts.ends()).containsExactly("/posts");
        assertThat(posts.mayMatch("GET", "/api/v1/threads/12/posts")).isTrue();
        assertThat(posts.mayMatch("GET", "/api/v1/threads/12/follow")).isFalse();
        assertThat(posts.mayMatch("GET", "/api/v1/spaces/bench/threads")).isFalse();
        assertThat(posts.mayMatch("GET", "/api/v1/threads/posts")).isFalse(); // start and end would overlap
        assertThat(literals("/t/{id}", "/api/v1/ping").mayMatch("GET", "/api/v1/ping")).isTrue();
        assertThat(literals("/api/v1/ping").mayMatch("GET", "/api/v1/ping")).isTrue();
        assertThat(literals("/api/v1/threads/{id}").mayMatch("GET", "/api/v1/threads/12/posts")).isTrue(); // a variable's end is open
    }

    @Test
    void wildcardsThatMatchManySegmentsAlsoMatchTheirParent() {
        var css = literals("/css/**");
        assertThat(css.starts()).containsExactly("/css");
        assertThat(css.mayMatch("GET", "/css")).isTrue();
        assertThat(css.mayMatch("GET", "/css/app.css")).isTrue();
        assertThat(css.mayMatch("GET", "/js/app.js")).isFalse();
        assertThat(literals("/files/{*rest}").mayMatch("GET", "/files")).isTrue();
    }

    @Test
    void aMappingForOtherMethodsIsSkippedButHeadAndOptionsTakeTheFullTest() {
        var post = literals(RequestMethod.POST, "/api/v1/threads/{id}/posts");
        assertThat(post.mayMatch("POST", "/api/v1/threads/12/posts")).isTrue();
        assertThat(post.mayMatch("GET", "/api/v1/threads/12/posts")).isFalse();
        assertThat(post.mayMatch("OPTIONS", "/api/v1/threads/12/posts")).isTrue(); // CORS preflight and Allow are Spring's
        assertThat(literals(RequestMethod.GET, "/t/{id}").mayMatch("HEAD", "/t/12")).isTrue(); // HEAD is served by GET
        assertThat(literals("/t/{id}").mayMatch("DELETE", "/t/12")).isTrue(); // no methods: any
        var getOrHead = Literals.of(RequestMappingInfo.paths("/t/{id}").methods(RequestMethod.GET, RequestMethod.HEAD).options(PATTERNS).build());
        assertThat(getOrHead.mayMatch("GET", "/t/12")).isTrue();
        assertThat(getOrHead.mayMatch("HEAD", "/t/12")).isTrue();
        assertThat(getOrHead.mayMatch("PUT", "/t/12")).isFalse();
        var headOnly = Literals.of(RequestMappingInfo.paths("/t/{id}").methods(RequestMethod.HEAD).options(PATTERNS).build());
        assertThat(headOnly.mayMatch("GET", "/t/12")).isTrue(); // methods the bits do not name are left to the full test
    }

    @Test
    void patternsThatMayMatchAnythingAndEscapedPathsAlwaysTakeTheFullTest() {
        assertThat(literals("/{slug}").starts()).isEmpty();
        assertThat(literals("/**").starts()).isEmpty();
        assertThat(literals("/").starts()).isEmpty();
        assertThat(literals("/t/{id}", "/{slug}").starts()).isEmpty();
        assertThat(literals("/{slug}").mayMatch("GET", "/anything")).isTrue();
        // patterns match decoded segments without ;parameters, so such paths are never rejected by the literals
        assertThat(literals("/api/v1/threads/{id}").mayMatch("GET", "/api/v1/%74hreads/1")).isTrue();
        assertThat(literals("/api/v1/threads/{id}").mayMatch("GET", "/api;x=1/v1/threads/1")).isTrue();
    }
}
