package io.kizuna.web.internal;

import io.kizuna.shared.PayloadTooLargeException;
import io.kizuna.web.BodySizeLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API bodies over the limit with 413 before anything reads them: by Content-Length up front, and by counting
 * for chunked bodies. The limit is 1 MB unless a module declares a {@link BodySizeLimit} for the path. Multipart bodies
 * parsed by the servlet container bypass the counting; {@code spring.servlet.multipart} bounds those.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitFilter extends OncePerRequestFilter {
    private final long defaultLimit;
    private final Map<String, Long> limitsByPath;
    private final ErrorResponder responder;

    BodySizeLimitFilter(@Value("${kizuna.api.max-body-bytes:1048576}") long defaultLimit, ObjectProvider<BodySizeLimit> limits,
                        ErrorResponder responder) {
        this.defaultLimit = defaultLimit;
        this.limitsByPath = limits.orderedStream().collect(Collectors.toMap(BodySizeLimit::path, BodySizeLimit::maxBytes, Math::max));
        this.responder = responder;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !io.kizuna.web.ErrorResponses.isApi(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long limit = limitsByPath.getOrDefault(path, defaultLimit);
        if (request.getContentLengthLong() > limit) {
            var e = new PayloadTooLargeException(limit);
            responder.write(request, response, 413, e.slug(), e.getMessage(), List.of());
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) stream = new Counting(super.getInputStream(), limit);
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        private void add(long n) {
            if (n > 0 && (count += n) > limit) throw new PayloadTooLargeException(limit);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) add(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            add(n);
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
