package io.kizuna.live;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A Server-Sent Events listener for tests: parses the stream on its own thread into events. */
final class SseClient implements AutoCloseable {
    /** One event; {@code id} is null for events without one. */
    record Event(String id, String name, String data) {}

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    private final Thread reader;
    private volatile java.io.InputStream body;
    final int status;

    SseClient(String url, String lastEventId, String token) throws Exception {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
        if (token != null) request.header("Authorization", "Bearer " + token);
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        status = response.statusCode();
        body = response.body();
        reader = Thread.ofVirtual().start(() -> read(response.body()));
    }

    private void read(java.io.InputStream in) {
        try (var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String id = null, name = "message";
            var data = new StringBuilder();
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) events.add(new Event(id, name, data.toString()));
                    id = null;
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("id: ")) id = line.substring(4);
                else if (line.startsWith("event: ")) name = line.substring(7);
                else if (line.startsWith("data: ")) data.append(line.substring(6));
            }
        } catch (java.io.IOException closed) {
            // the test closed the stream
        }
    }

    /** Waits for the next event matching {@code test}, skipping others (kept in {@link #seen()}). */
    Event await(Predicate<Event> test) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            var e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e == null) continue;
            seen.add(e);
            if (test.test(e)) return e;
        }
        throw new AssertionError("no matching event; seen: " + seen);
    }

    /** Like {@link #await(Predicate)}, but an event that already came (and was skipped) counts too. */
    Event awaitSeenOrNext(Predicate<Event> test) throws InterruptedException {
        for (var e : seen) if (test.test(e)) return e;
        return await(test);
    }

    Event await(String name) throws InterruptedException {
        return await(e -> e.name().equals(name));
    }

    /** Collects events until {@code count} of them named {@code name} arrived. */
    List<Event> collect(String name, int count) throws InterruptedException {
        var result = new ArrayList<Event>();
        while (result.size() < count) result.add(await(name));
        return result;
    }

    List<Event> seen() {
        return seen;
    }

    @Override
    public void close() throws Exception {
        body.close();
        reader.interrupt();
    }
}
