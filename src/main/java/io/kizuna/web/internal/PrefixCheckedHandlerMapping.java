package io.kizuna.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC finds the handler of a URL with a variable in it ({@code /t/123}, {@code /api/v1/threads/5/posts}) by
 * testing every one of the ~280 mappings in turn: the request's method through each request wrapper, CORS headers,
 * then the path pattern. A profile of reply load put that at about 8% of a request's CPU. Here each mapping is first
 * checked with plain string comparisons against what its patterns fix (the text before the first variable or wildcard
 * and after the last one) and against its HTTP methods; only a mapping that passes is tested in full, exactly as
 * before, so {@code POST /api/v1/threads/5/posts} takes one full test instead of twenty. The path compared is the
 * lookup path Spring matches with; one with percent-escapes or {@code ;} parameters (patterns match the decoded
 * segments) always takes the full test, as do HEAD and OPTIONS requests, whose method rules are Spring's own.
 */
class PrefixCheckedHandlerMapping extends RequestMappingHandlerMapping {
    /** Filled while the mappings are registered at start-up; read by every lookup, so replaced, never changed. */
    private volatile Map<RequestMappingInfo, Literals> literals = new IdentityHashMap<>();
    /** The lookup in progress on this thread: read once, not once per mapping through every request wrapper. */
    private final ThreadLocal<Lookup> lookingUp = new ThreadLocal<>();

    /** The request's method as a bit of {@link Literals#methods} (0: not filtered) and its path; computed once. */
    private record Lookup(int method, String path) {}

    /**
     * The fixed text of a mapping's patterns (start and end of each, in pattern order) and its methods as bits (0: any).
     * Tested against every mapping per request, so the method test is one bit operation.
     */
    record Literals(String[] starts, String[] ends, int methods) {
        private static final String[] NONE = {};

        /** The bit of a method the literals filter on (GET, POST, PUT, DELETE, PATCH); 0 for any other. */
        static int bit(String method) {
            return switch (method) {
                case "GET" -> 1;
                case "POST" -> 2;
                case "PUT" -> 4;
                case "DELETE" -> 8;
                case "PATCH" -> 16;
                default -> 0;
            };
        }

        static Literals of(RequestMappingInfo info) {
            int methods = 0;
            // a request with a method of the bits matches exactly the mappings with its bit; other methods are not filtered
            for (RequestMethod m : info.getMethodsCondition().getMethods()) methods |= bit(m.name());
            var condition = info.getPathPatternsCondition();
            if (condition == null || condition.getPatterns().isEmpty()) return new Literals(NONE, NONE, methods);
            var patterns = condition.getPatterns().stream().map(PathPattern::getPatternString).toList();
            var starts = patterns.stream().map(Literals::start).toArray(String[]::new);
            for (String s : starts) if (s.length() <= 1) return new Literals(NONE, NONE, methods); // "/{slug}", "/**": any path
            return new Literals(starts, patterns.stream().map(Literals::end).toArray(String[]::new), methods);
        }

        /** A pattern's text before its first variable or wildcard: {@code /api/v1/threads/{id}/posts} gives {@code /api/v1/threads/}. */
        static String start(String pattern) {
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '{' || c == '*' || c == '?') {
                    // "/css/**" and "/files/{*rest}" also match "/css" and "/files": their start stops before the slash
                    boolean manySegments = pattern.startsWith("**", i) || pattern.startsWith("{*", i);
                    return pattern.substring(0, manySegments && i > 0 && pattern.charAt(i - 1) == '/' ? i - 1 : i);
                }
            }
            return pattern;
        }

        /**
         * A pattern's text after its last variable or wildcard: {@code /api/v1/threads/{id}/posts} gives {@code /posts};
         * a pattern without any is all start, and its end is empty.
         */
        static String end(String pattern) {
            int last = Math.max(pattern.lastIndexOf('}'), Math.max(pattern.lastIndexOf('*'), pattern.lastIndexOf('?')));
            return last < 0 ? "" : pattern.substring(last + 1);
        }

        boolean mayMatch(String method, String path) {
            return !literal(path) || mayMatch(bit(method), path);
        }

        /** Patterns match decoded segments without ;parameters: a path with escapes or parameters is never filtered. */
        static boolean literal(String path) {
            return path.indexOf('%') < 0 && path.indexOf(';') < 0;
        }

        boolean mayMatch(int method, String path) {
            if (methods != 0 && method != 0 && (methods & method) == 0) return false;
            if (starts.length == 0) return true;
            for (int i = 0; i < starts.length; i++) {
                // start and end may not overlap: between them is at least the (possibly empty) variable part
                if (path.startsWith(starts[i]) && path.endsWith(ends[i]) && path.length() >= starts[i].length() + ends[i].length()) return true;
            }
            return false;
        }
    }

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        synchronized (this) {
            var more = new IdentityHashMap<>(literals);
            more.put(mapping, Literals.of(mapping));
            literals = more;
        }
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        Lookup outer = lookingUp.get();
        lookingUp.set(Literals.literal(lookupPath) ? new Lookup(Literals.bit(request.getMethod()), lookupPath) : null);
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            if (outer == null) lookingUp.remove();
            else lookingUp.set(outer);
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        Lookup lookup = lookingUp.get();
        if (lookup != null) {
            var fixed = literals.get(info); // a mapping registered some other way is not in the map: the full test
            if (fixed != null && !fixed.mayMatch(lookup.method(), lookup.path())) return null;
        }
        return super.getMatchingMapping(info, request);
    }
}
