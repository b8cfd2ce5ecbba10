package io.kizuna.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a bounded number of requests work at once (16 per core unless {@code kizuna.web.active-requests} says otherwise),
 * the rest waiting in arrival order. Tomcat runs up to 200 request threads; on 2 cores, 200 orders working at once
 * placed fewer orders per CPU second than 32 at a time (more context switches, colder caches), and every one waited
 * longer (bench/RESULTS.md, 2026-12-06).
 * <p>
 * A request waits for its turn only once nothing a slow client does can hold the turn: a small body (up to 64 KB by
 * Content-Length) is read first, form fields are parsed first, and larger or unsized bodies (uploads) and media
 * downloads are not gated at all. Streams (the unread count, live shows) leave the handler at once and then hold no
 * turn. A request that cannot get a turn within {@code kizuna.web.active-request-wait} is answered 503.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5) // inside the request metrics (HIGHEST_PRECEDENCE + 1), so they include the wait
class RequestGate extends OncePerRequestFilter {
    static final int MAX_BUFFERED_BODY = 64 * 1024;

    private final Semaphore turns;
    private final long waitMillis;
    private final ErrorResponder responder;

    RequestGate(@Value("${kizuna.web.active-requests:0}") int activeRequests,
                @Value("${kizuna.web.active-request-wait:30s}") java.time.Duration wait, ErrorResponder responder) {
        int permits = activeRequests > 0 ? activeRequests : 16 * Runtime.getRuntime().availableProcessors();
        this.turns = new Semaphore(permits, true);
        this.waitMillis = wait.toMillis();
        this.responder = responder;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/media/") || isMultipart(request) || request.getContentLengthLong() > MAX_BUFFERED_BODY
            || (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var ready = readBodyFirst(request);
        try {
            if (!turns.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) { // the timed form keeps the fairness
                response.setHeader("Retry-After", "1");
                responder.write(request, response, 503, "busy", "The server is busy; try again in a moment.", List.of());
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("Interrupted while waiting for a turn", e);
        }
        try {
            chain.doFilter(ready, response);
        } finally {
            turns.release();
        }
    }

    /** Turns not taken now (for tests). */
    int available() {
        return turns.availablePermits();
    }

    /** Requests waiting for a turn (for tests). */
    int waiting() {
        return turns.getQueueLength();
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
    }

    /** The request with its body already in memory, so no turn waits on the client's network. */
    private static HttpServletRequest readBodyFirst(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length <= 0) return request;
        String type = request.getContentType();
        if (type != null && type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)) {
            request.getParameterMap(); // the container reads and parses the body now
            return request;
        }
        return new BufferedBody(request, request.getInputStream().readNBytes((int) length));
    }

    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final ServletInputStream stream;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            var in = new ByteArrayInputStream(body);
            this.stream = new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("The body was read before the request got its turn");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(stream, charset));
        }
    }
}
