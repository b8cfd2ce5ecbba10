package io.kizuna.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The gate in front of the request threads: turns in arrival order, taken only once the body is in memory. */
class RequestGateTests {
    // threads of its own: the common pool may have a single thread, which a held turn would block
    private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();

    @org.junit.jupiter.api.AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private static RequestGate gate(int turns, Duration wait) {
        return new RequestGate(turns, wait, new ErrorResponder(JsonMapper.builder().build(), null, new StaticMessageSource()));
    }

    private static MockHttpServletRequest post(String path, String json) {
        var request = new MockHttpServletRequest("POST", path);
        request.setContentType("application/json");
        request.setContent(json.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    /** Runs a request through the gate on another thread; its chain waits for {@code release}. */
    private CompletableFuture<Void> holdATurn(RequestGate gate, CountDownLatch inside, CountDownLatch release) {
        return CompletableFuture.runAsync(() -> {
            try {
                gate.doFilter(new MockHttpServletRequest("GET", "/api/v1/ping"), new MockHttpServletResponse(), (rq, rs) -> {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, threads);
    }

    @Test
    void aRequestReadsItsBodyBeforeItWaitsForATurnAndGetsItWhole() throws Exception {
        // given: the only turn is taken
        var gate = gate(1, Duration.ofSeconds(10));
        var inside = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var holder = holdATurn(gate, inside, release);
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        var request = post("/api/v1/orders", "{\"items\":[{\"sku\":\"豆-1\",\"quantity\":1}]}");
        var seen = new AtomicReference<String>();
        // when
        var waiting = CompletableFuture.runAsync(() -> {
            try {
                gate.doFilter(request, new MockHttpServletResponse(),
                    (ServletRequest rq, ServletResponse rs) -> seen.set(new String(rq.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        for (int i = 0; i < 200 && gate.waiting() == 0; i++) Thread.sleep(10);
        // then: it waits with its body already read from the client
        assertThat(gate.waiting()).isEqualTo(1);
        assertThat(request.getInputStream().read()).isEqualTo(-1);
        assertThat(seen.get()).isNull();
        release.countDown();
        waiting.get(5, TimeUnit.SECONDS);
        holder.get(5, TimeUnit.SECONDS);
        assertThat(seen.get()).isEqualTo("{\"items\":[{\"sku\":\"豆-1\",\"quantity\":1}]}");
        assertThat(gate.available()).isEqualTo(1);
    }

    @Test
    void aRequestThatGetsNoTurnInTimeIsAnswered503AndNeverRuns() throws Exception {
        var gate = gate(1, Duration.ofMillis(50));
        var inside = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var holder = holdATurn(gate, inside, release);
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        var response = new MockHttpServletResponse();
        var ran = new AtomicReference<Boolean>(false);

        gate.doFilter(post("/api/v1/orders", "{}"), response, (rq, rs) -> ran.set(true));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(ran.get()).isFalse();
        release.countDown();
        holder.get(5, TimeUnit.SECONDS);
        assertThat(gate.available()).isEqualTo(1);
    }

    @Test
    void aTurnComesBackWhenTheRequestFails() throws Exception {
        var gate = gate(1, Duration.ofMillis(50));
        try {
            gate.doFilter(post("/api/v1/orders", "{}"), new MockHttpServletResponse(), (rq, rs) -> {
                throw new IllegalStateException("boom");
            });
        } catch (Exception expected) {
            // the chain's failure goes on up
        }
        assertThat(gate.available()).isEqualTo(1);
    }

    @Test
    void uploadsUnsizedOrLargeBodiesAndMediaDownloadsAreNotCounted() {
        var gate = gate(1, Duration.ofSeconds(1));
        var upload = new MockHttpServletRequest("POST", "/api/v1/media");
        upload.setContentType("multipart/form-data; boundary=x");
        var large = post("/api/v1/orders", "x".repeat(RequestGate.MAX_BUFFERED_BODY + 1));
        var chunked = new MockHttpServletRequest("POST", "/api/v1/orders");
        chunked.addHeader("Transfer-Encoding", "chunked");
        var media = new MockHttpServletRequest("GET", "/media/abcdefghijklmnopqrstuvwx");

        assertThat(gate.shouldNotFilter(upload)).isTrue();
        assertThat(gate.shouldNotFilter(large)).isTrue();
        assertThat(gate.shouldNotFilter(chunked)).isTrue();
        assertThat(gate.shouldNotFilter(media)).isTrue();
        assertThat(gate.shouldNotFilter(post("/api/v1/orders", "{}"))).isFalse();
        assertThat(gate.shouldNotFilter(new MockHttpServletRequest("GET", "/t/1"))).isFalse();
    }
}
