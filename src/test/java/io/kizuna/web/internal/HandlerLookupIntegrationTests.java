package io.kizuna.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.support.IntegrationTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/** The indexed lookup finds, for every mapping of the running application, what Spring's own lookup finds. */
class HandlerLookupIntegrationTests extends IntegrationTestBase {
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Test
    void everyMappingsPathsFindTheSameHandlerOrTheSameRefusalAsSpringsLookup() throws Exception {
        var mapping = (PrefixCheckedHandlerMapping) handlerMapping;
        var compared = new ArrayList<String>();
        for (var entry : mapping.getHandlerMethods().entrySet()) {
            var info = entry.getKey();
            var methods = info.getMethodsCondition().getMethods().isEmpty() ? List.of(RequestMethod.GET, RequestMethod.POST)
                : List.copyOf(info.getMethodsCondition().getMethods());
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                String path = sample(pattern.getPatternString());
                // its own method, and one the mapping may not have (405, or another mapping of the same path)
                for (var method : List.of(methods.getFirst().name(), "DELETE", "PATCH")) {
                    var indexed = outcome(() -> {
                        var chain = mapping.getHandler(request(method, path));
                        return chain == null ? null : ((HandlerMethod) chain.getHandler()).getMethod();
                    });
                    var spring = outcome(() -> {
                        var request = request(method, path);
                        var found = mapping.springLookup(path, request);
                        return found == null ? null : found.getMethod();
                    });
                    assertThat(indexed).as(method + " " + path + " (" + entry.getValue() + ")").isEqualTo(spring);
                    compared.add(method + " " + path);
                }
            }
        }
        assertThat(compared).hasSizeGreaterThan(300).contains("POST /api/v1/threads/1/posts");
        // the index found the handler of a path with a variable by itself, without Spring's scan of every mapping
        var reply = request("POST", "/api/v1/threads/1/posts");
        assertThat(mapping.index().candidates(PrefixCheckedHandlerMapping.Literals.bit("POST"), "/api/v1/threads/1/posts"))
            .hasSizeLessThan(10);
        assertThat(((HandlerMethod) mapping.getHandler(reply).getHandler()).getMethod().getName()).isEqualTo("reply");
    }

    /** A path the pattern matches: each variable and wildcard filled in. */
    private static String sample(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]+}", "a/b").replaceAll("\\{[^}]+}", "1").replace("**", "a/b").replace("*", "x")
            .replace("?", "x");
    }

    private static MockHttpServletRequest request(String method, String path) {
        var request = new MockHttpServletRequest(method, path);
        request.setContentType("application/json");
        ServletRequestPathUtils.parseAndCache(request);
        return request;
    }

    /** The handler's method, or the refusal's class (405, 415, ...). */
    private static Object outcome(Callable<Object> lookup) {
        try {
            return lookup.call();
        } catch (Exception e) {
            return e.getClass();
        }
    }
}
