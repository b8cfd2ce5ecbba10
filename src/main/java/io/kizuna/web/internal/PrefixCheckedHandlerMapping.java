package io.kizuna.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC finds the handler of a URL with a variable in it ({@code /t/123}, {@code /api/v1/threads/5/posts}) by
 * testing every one of the ~280 mappings in turn: the request's method through each request wrapper, CORS headers,
 * then the path pattern. A profile of reply load put that at about 8% of a request's CPU, and still 7% when each
 * mapping was first checked with string comparisons. Here the mappings are indexed by the text their patterns fix
 * before the first variable or wildcard ({@link Index}, a tree of characters), so a lookup walks the path once, checks
 * the few mappings found on the way against their fixed end and HTTP methods, and tests only those in full, exactly
 * as Spring would. When exactly one of them matches, it is the handler; otherwise (none: 404 or 405 with Allow,
 * several: Spring ranks them) Spring's own lookup decides. The path compared is the lookup path Spring matches with;
 * one with percent-escapes or {@code ;} parameters (patterns match the decoded segments), and HEAD and OPTIONS
 * requests, whose method rules are Spring's own, always take Spring's lookup.
 */
class PrefixCheckedHandlerMapping extends RequestMappingHandlerMapping {
    /** Built on first use from the registered mappings; dropped whenever a mapping is added or removed. */
    private volatile Index index;

    /**
     * The fixed text of a mapping's patterns (start and end of each, in pattern order) and its methods as bits (0: any).
     * A path can match a pattern only if it starts and ends with that pattern's fixed text.
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

    /**
     * Every mapping filed under the fixed start of each of its patterns, in a tree of characters; the mappings whose
     * patterns may match any path ({@code /{slug}}) at the root. Walking a path down the tree meets every mapping whose
     * start the path begins with, and no other can match it.
     */
    static final class Index {
        record Entry(RequestMappingInfo info, Literals literals, HandlerMethod handler) {}

        private static final class Node {
            final Map<Character, Node> next = new HashMap<>();
            final List<Entry> here = new ArrayList<>();
        }

        private final Node root = new Node();
        private final Set<RequestMappingInfo> infos;

        Index(Map<RequestMappingInfo, HandlerMethod> handlers) {
            this.infos = Set.copyOf(handlers.keySet());
            handlers.forEach((info, handler) -> {
                var entry = new Entry(info, Literals.of(info), handler);
                if (entry.literals().starts().length == 0) root.here.add(entry);
                for (String start : new LinkedHashSet<>(List.of(entry.literals().starts()))) {
                    Node node = root;
                    for (int i = 0; i < start.length(); i++) node = node.next.computeIfAbsent(start.charAt(i), c -> new Node());
                    node.here.add(entry);
                }
            });
        }

        /** The mappings that may match a request with this method bit and literal path (one entry per mapping). */
        List<Entry> candidates(int method, String path) {
            var found = new ArrayList<Entry>();
            addCandidates(root, method, path, found);
            Node node = root;
            for (int i = 0; i < path.length() && (node = node.next.get(path.charAt(i))) != null; i++) addCandidates(node, method, path, found);
            return found;
        }

        private static void addCandidates(Node node, int method, String path, List<Entry> found) {
            for (Entry e : node.here) {
                // a mapping with two patterns whose starts both begin the path is met twice
                if (e.literals().mayMatch(method, path) && !containsSame(found, e)) found.add(e);
            }
        }

        private static boolean containsSame(List<Entry> entries, Entry entry) {
            for (Entry e : entries) if (e == entry) return true;
            return false;
        }

        Set<RequestMappingInfo> infos() {
            return infos;
        }
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        int method = Literals.bit(request.getMethod());
        if (method == 0 || !Literals.literal(lookupPath)) return super.lookupHandlerMethod(lookupPath, request);
        var index = index();
        RequestMappingInfo match = null;
        HandlerMethod handler = null;
        for (var candidate : index.candidates(method, lookupPath)) {
            var matched = getMatchingMapping(candidate.info(), request);
            if (matched == null) continue;
            if (match != null) return super.lookupHandlerMethod(lookupPath, request); // several: Spring ranks them
            match = matched;
            handler = candidate.handler();
        }
        if (match == null) return handleNoMatch(index.infos(), lookupPath, request); // 404, or 405 with Allow
        // what Spring's lookup does with its one best match
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
        handleMatch(match, lookupPath, request);
        return handler;
    }

    /** Spring's own lookup, without the index (for tests that compare the two). */
    HandlerMethod springLookup(String lookupPath, HttpServletRequest request) throws Exception {
        return super.lookupHandlerMethod(lookupPath, request);
    }

    Index index() {
        var built = index;
        if (built != null) return built;
        synchronized (this) { // a mapping registered while the index is built drops it once the build is done
            if (index == null) index = new Index(getHandlerMethods());
            return index;
        }
    }

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        dropIndex();
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        dropIndex();
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        dropIndex();
    }

    private synchronized void dropIndex() {
        index = null;
    }
}
