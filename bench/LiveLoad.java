import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Load client for the live channel (bench/live.sh), run as a source file: {@code java bench/LiveLoad.java ...}.
 *
 * <pre>
 * setup BASE ADMIN_EMAIL ADMIN_PASSWORD POSTERS FILE     signs up POSTERS members, creates a product and a live show,
 *                                                         writes the show id and the members' tokens to FILE
 * run FILE VIEWER_BASES POST_BASES VIEWERS RATE SECONDS PIDS
 *                                                         opens VIEWERS Server-Sent Events connections (raw NIO, spread
 *                                                         over VIEWER_BASES, comma-separated), measures the server's RSS
 *                                                         idle and bytes per idle connection (PIDS: the Kizuna JVMs), then
 *                                                         posts RATE messages a second for SECONDS through POST_BASES and
 *                                                         checks every viewer got every message, with delivery latency
 * </pre>
 */
public class LiveLoad {
    static final HttpClient HTTP = HttpClient.newBuilder().build();
    static final String JCMD = System.getProperty("java.home") + "/bin/jcmd";
    static final Pattern ID = Pattern.compile("\"id\":\"(\\d+)\"");
    static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        if (args[0].equals("setup")) setup(args[1], args[2], args[3], Integer.parseInt(args[4]), Path.of(args[5]));
        else run(Path.of(args[1]), args[2].split(","), args[3].split(","), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
            Integer.parseInt(args[6]), args[7].split(","));
    }

    // --- setup ---------------------------------------------------------------------------------------------------------

    static String post(String url, String token, String json) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) b.header("Authorization", "Bearer " + token);
        var r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) throw new IllegalStateException(url + " " + r.statusCode() + " " + r.body());
        return r.body();
    }

    static String find(Pattern p, String text) {
        var m = p.matcher(text);
        if (!m.find()) throw new IllegalStateException("not found in " + text);
        return m.group(1);
    }

    static void setup(String base, String email, String password, int posters, Path file) throws Exception {
        String admin = find(TOKEN, post(base + "/api/v1/auth/token", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"));
        post(base + "/api/v1/products", admin, "{\"slug\":\"live-bench\",\"name\":\"ベンチ豆\",\"description\":\"bench\",\"taxRate\":\"reduced\","
            + "\"visibility\":\"public\",\"category\":\"bench\",\"variants\":[{\"sku\":\"LIVE-BENCH\",\"name\":\"200g\",\"price\":1500,\"stock\":100000}]}");
        String show = find(ID, post(base + "/api/v1/live-sessions", admin, "{\"title\":\"ベンチマーク配信\",\"startsAt\":\"2030-01-01T20:00:00+09:00\","
            + "\"streamUrl\":\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\",\"skus\":[\"LIVE-BENCH\"]}"));
        post(base + "/api/v1/live-sessions/" + show + "/start", admin, "{}");
        post(base + "/api/v1/live-sessions/" + show + "/pins", admin, "{\"sku\":\"LIVE-BENCH\"}");
        var lines = new ArrayList<String>();
        lines.add(show);
        var pool = Executors.newFixedThreadPool(4);
        var tokens = new ConcurrentLinkedQueue<String>();
        for (int i = 0; i < posters; i++) {
            int n = i;
            pool.submit(() -> {
                String mail = "poster" + n + "@bench.kizuna.invalid";
                post(base + "/api/v1/auth/signup", null, "{\"email\":\"" + mail + "\",\"password\":\"bench-poster-pw\",\"displayName\":\"視聴者" + n + "\"}");
                tokens.add(find(TOKEN, post(base + "/api/v1/auth/token", null, "{\"email\":\"" + mail + "\",\"password\":\"bench-poster-pw\"}")));
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        lines.addAll(tokens);
        Files.write(file, lines);
        System.out.println("setup show=" + show + " posters=" + tokens.size());
    }

    // --- viewers -------------------------------------------------------------------------------------------------------

    /** One SSE connection: HTTP response head, then chunked body, scanned for the messages' markers. */
    static final class Viewer {
        final SocketChannel channel;
        final BitSet got = new BitSet();
        boolean headDone;
        int headMatch; // how much of "\r\n\r\n" has been seen
        final StringBuilder head = new StringBuilder();
        boolean chunked;
        long chunkLeft = -1; // -1: reading a size line; -2: reading the CRLF after data
        final StringBuilder line = new StringBuilder();
        final StringBuilder size = new StringBuilder();
        int state;
        int matched;
        int id;
        long stamp;

        Viewer(SocketChannel channel) {
            this.channel = channel;
        }
    }

    static final AtomicLong[] LATENCY = new AtomicLong[100_001]; // 0.1 ms buckets up to 10 s
    static final AtomicInteger CONNECTED = new AtomicInteger();
    /** Marks this run's messages, so a show's history from an earlier run is not counted. */
    static String RUN = "0";

    static void record(long nanos) {
        int bucket = (int) Math.max(0, Math.min(100_000, nanos / 100_000));
        LATENCY[bucket].incrementAndGet();
    }

    static double percentile(double p) {
        long total = 0;
        for (var l : LATENCY) total += l.get();
        long want = (long) Math.ceil(total * p);
        long seen = 0;
        for (int i = 0; i < LATENCY.length; i++) {
            seen += LATENCY[i].get();
            if (seen >= want && total > 0) return i / 10.0;
        }
        return -1;
    }

    static void resetLatency() {
        for (var l : LATENCY) l.set(0);
    }

    static byte[] MARK;

    /**
     * Feeds body bytes (after chunk decoding) to a matcher for this run's marker {@code BENCH<run>:<id>:<nanoTime>"}
     * inside a message's JSON; allocates nothing, so the client keeps up with 100,000 events a second.
     */
    static void sse(Viewer v, byte b, long now) {
        if (v.state == 0) {
            if (b == MARK[v.matched]) {
                if (++v.matched == MARK.length) {
                    v.state = 1;
                    v.id = 0;
                }
            } else {
                v.matched = b == MARK[0] ? 1 : 0;
            }
        } else if (v.state == 1) {
            if (b == ':') {
                v.state = 2;
                v.stamp = 0;
            } else {
                v.id = v.id * 10 + (b - '0');
            }
        } else if (b == '"') {
            if (!v.got.get(v.id)) {
                v.got.set(v.id);
                record(now - v.stamp);
            }
            v.state = 0;
            v.matched = 0;
        } else {
            v.stamp = v.stamp * 10 + (b - '0');
        }
    }

    static void read(Viewer v, ByteBuffer buf, long now) {
        while (buf.hasRemaining()) {
            byte b = buf.get();
            if (!v.headDone) {
                v.head.append((char) b);
                v.headMatch = (b == "\r\n\r\n".charAt(v.headMatch)) ? v.headMatch + 1 : (b == '\r' ? 1 : 0);
                if (v.headMatch == 4) {
                    v.headDone = true;
                    v.chunked = v.head.toString().toLowerCase().contains("transfer-encoding: chunked");
                    v.head.setLength(0);
                    CONNECTED.incrementAndGet();
                }
                continue;
            }
            if (!v.chunked) { // the body ends with the connection
                sse(v, b, now);
                continue;
            }
            if (v.chunkLeft == -1) { // size line
                if (b == '\n') {
                    String size = v.size.toString().trim();
                    v.size.setLength(0);
                    if (!size.isEmpty()) v.chunkLeft = Long.parseLong(size, 16);
                } else {
                    v.size.append((char) b);
                }
                continue;
            }
            if (v.chunkLeft == -2) {
                if (b == '\n') v.chunkLeft = -1;
                continue;
            }
            sse(v, b, now);
            if (--v.chunkLeft == 0) v.chunkLeft = -2;
        }
    }

    // --- run -----------------------------------------------------------------------------------------------------------

    static long rss(String pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
        }
        return -1;
    }

    /** CPU time (user + system) a process has used, in ms. */
    static long cpuMs(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms
    }

    static void gc(String pid) throws Exception {
        new ProcessBuilder(JCMD, pid, "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        Thread.sleep(1_000);
    }

    static long heapUsed(String pid) throws Exception {
        var p = new ProcessBuilder(JCMD, pid, "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        long used = 0;
        var m = Pattern.compile("used (\\d+)K").matcher(out);
        while (m.find()) used += Long.parseLong(m.group(1)) * 1024;
        return used;
    }

    static void run(Path file, String[] viewerBases, String[] postBases, int viewers, int rate, int seconds, String[] pids) throws Exception {
        for (int i = 0; i < LATENCY.length; i++) LATENCY[i] = new AtomicLong();
        var lines = Files.readAllLines(file);
        String show = lines.get(0);
        RUN = Long.toString(System.currentTimeMillis() % 1_000_000);
        MARK = ("BENCH" + RUN + ":").getBytes(StandardCharsets.US_ASCII);
        var tokens = lines.subList(1, lines.size());
        for (String pid : pids) gc(pid);
        long[] rssBefore = new long[pids.length];
        long[] heapBefore = new long[pids.length];
        for (int i = 0; i < pids.length; i++) {
            rssBefore[i] = rss(pids[i]);
            heapBefore[i] = heapUsed(pids[i]);
        }

        var selector = Selector.open();
        var viewersList = new ArrayList<Viewer>();
        var pending = new ConcurrentLinkedQueue<Viewer>();
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var io = Thread.ofPlatform().name("viewers").start(() -> {
            var buf = ByteBuffer.allocate(256 * 1024);
            try {
                while (!stop.get()) {
                    selector.select(100);
                    for (Viewer v; (v = pending.poll()) != null; ) v.channel.register(selector, SelectionKey.OP_CONNECT, v);
                    long now = System.nanoTime();
                    for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                        var key = it.next();
                        it.remove();
                        var v = (Viewer) key.attachment();
                        try {
                            if (key.isConnectable()) {
                                v.channel.finishConnect();
                                var host = ((InetSocketAddress) v.channel.getRemoteAddress());
                                String req = "GET /api/v1/live-sessions/" + show + "/events HTTP/1.1\r\nHost: " + host.getHostString() + ":" + host.getPort()
                                    + "\r\nAccept: text/event-stream\r\n\r\n";
                                v.channel.write(ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII)));
                                key.interestOps(SelectionKey.OP_READ);
                            } else if (key.isReadable()) {
                                buf.clear();
                                int n = v.channel.read(buf);
                                if (n < 0) {
                                    key.cancel();
                                    v.channel.close();
                                    continue;
                                }
                                buf.flip();
                                read(v, buf, now);
                            }
                        } catch (IOException e) {
                            key.cancel();
                        }
                    }
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });

        long t0 = System.nanoTime();
        for (int i = 0; i < viewers; i++) {
            var uri = URI.create(viewerBases[i % viewerBases.length]);
            var ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            var v = new Viewer(ch);
            viewersList.add(v);
            pending.add(v);
            selector.wakeup();
            if (i % 200 == 199) while (CONNECTED.get() < i - 400) Thread.sleep(5); // ramp: keep the accept queue short
        }
        while (CONNECTED.get() < viewers && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(3)) Thread.sleep(50);
        double connectS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("viewers connected=%d in %.1fs%n", CONNECTED.get(), connectS);
        Thread.sleep(5_000); // let presence, stock polls and the first heartbeats settle
        for (String pid : pids) gc(pid);
        for (int i = 0; i < pids.length; i++) {
            long r = rss(pids[i]);
            long h = heapUsed(pids[i]);
            int onNode = (int) viewersList.stream().filter(v -> v.headDone).count() / pids.length;
            var histogram = new ProcessBuilder(JCMD, pids[i], "GC.class_histogram").redirectErrorStream(true).start();
            var all = new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            var top = new ArrayList<>(all.subList(0, Math.min(60, viewersList.size())));
            top.add(all.getLast());
            Files.write(file.resolveSibling("live-histogram-idle-" + pids[i] + ".txt"), top);
            System.out.printf("node%d idle rss_mb=%d rss_before_mb=%d bytes_per_idle_connection_rss=%d heap_bytes_per_idle_connection=%d%n",
                i + 1, r >> 20, rssBefore[i] >> 20, (r - rssBefore[i]) / Math.max(1, onNode), (h - heapBefore[i]) / Math.max(1, onNode));
        }

        // post RATE messages a second, round-robin over the posters and the post bases
        resetLatency();
        long[] cpuBefore = new long[pids.length];
        for (int i = 0; i < pids.length; i++) cpuBefore[i] = cpuMs(pids[i]);
        long clientCpuBefore = cpuMs(Long.toString(ProcessHandle.current().pid()));
        long loadStart = System.nanoTime();
        int total = rate * seconds;
        var errors = new AtomicInteger();
        var sender = Executors.newScheduledThreadPool(2);
        var sent = new AtomicInteger();
        long periodNanos = 1_000_000_000L / rate;
        var peak = new long[pids.length];
        var sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            for (int i = 0; i < pids.length; i++) {
                try {
                    peak[i] = Math.max(peak[i], rss(pids[i]));
                } catch (IOException ignored) {
                    // process gone
                }
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
        sender.scheduleAtFixedRate(() -> {
            int id = sent.getAndIncrement();
            if (id >= total) return;
            String token = tokens.get(id % tokens.size());
            String base = postBases[id % postBases.length];
            String body = "{\"body\":\"BENCH" + RUN + ":" + id + ":" + System.nanoTime() + "\",\"kind\":\"chat\"}";
            var req = HttpRequest.newBuilder(URI.create(base + "/api/v1/live-sessions/" + show + "/messages")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                if (e != null || r.statusCode() != 201) {
                    if (errors.incrementAndGet() <= 5) System.out.println("post failed: " + (e != null ? e : r.statusCode() + " " + r.body()));
                }
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(seconds * 1000L + 5_000);
        sender.shutdownNow();
        sampler.shutdownNow();
        double wall = (System.nanoTime() - loadStart) / 1e9;
        for (int i = 0; i < pids.length; i++) {
            System.out.printf("node%d cpu_cores_used=%.2f%n", i + 1, (cpuMs(pids[i]) - cpuBefore[i]) / 1000.0 / wall);
        }
        System.out.printf("client cpu_cores_used=%.2f%n", (cpuMs(Long.toString(ProcessHandle.current().pid())) - clientCpuBefore) / 1000.0 / wall);
        int posted = total - errors.get();
        stop.set(true);
        io.join();
        long complete = viewersList.stream().filter(v -> v.got.cardinality() == posted).count();
        long deliveries = viewersList.stream().mapToLong(v -> v.got.cardinality()).sum();
        System.out.printf("posted=%d errors=%d viewers=%d viewers_with_every_message=%d deliveries=%d expected=%d%n",
            posted, errors.get(), viewersList.size(), complete, deliveries, (long) posted * viewersList.size());
        System.out.printf("latency_ms p50=%.1f p99=%.1f p999=%.1f max=%.1f%n", percentile(0.5), percentile(0.99), percentile(0.999), percentile(1.0));
        for (int i = 0; i < pids.length; i++) {
            System.out.printf("node%d peak_rss_mb=%d rss_after_mb=%d%n", i + 1, peak[i] >> 20, rss(pids[i]) >> 20);
        }
        for (var v : viewersList) v.channel.close();
        System.exit(0);
    }
}
