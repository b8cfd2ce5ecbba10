package io.kizuna.live.internal;

import io.kizuna.live.Views.ShowView;
import io.kizuna.platform.AfterTransaction;
import io.kizuna.platform.PgListener;
import io.kizuna.shared.Actor;
import io.kizuna.store.CatalogManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This node's end of the real-time channel. Listeners hold a Server-Sent Events connection on whichever node served
 * them; every node LISTENs for the log's NOTIFY and, for the shows it has listeners of, reads the new events in order
 * and writes each one's bytes to all of them ({@link Channel}, {@link Viewer}). Viewer counts, reactions and stock
 * are not logged: each node sums the nodes' viewer counts from {@code live_presence}, sends its reactions once a
 * second by NOTIFY, and polls the pinned product's stock.
 */
@Component
public class LiveHub implements SmartLifecycle {
    private static final List<String> REACTIONS = io.kizuna.live.ChatManagement.REACTIONS;
    static final String FX_CHANNEL = "kizuna_live_fx";
    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
    private static final Pattern VIEWER_KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RETRY = "retry: 3000\n\n".getBytes(StandardCharsets.US_ASCII);

    private final String node = UUID.randomUUID().toString();
    private final JdbcClient jdbc;
    private final EventLog events;
    private final Shows shows;
    private final Presence presence;
    private final Payloads payloads;
    private final CatalogManagement catalog;
    private final Duration lifetime;
    private final Map<Long, Channel> channels = new ConcurrentHashMap<>();
    private final Map<Long, AtomicIntegerArray> reactions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService fanout = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("live-fanout").daemon().factory());
    private final ExecutorService fanoutHelper = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("live-fanout-2").daemon().factory());
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("live-ticker").daemon().factory());
    private final PgListener listener;
    private volatile boolean running;
    private long ticks;

    LiveHub(DataSource dataSource, JdbcClient jdbc, EventLog events, Shows shows, Presence presence, Payloads payloads,
            CatalogManagement catalog, @Value("${kizuna.live.stream-minutes:30}") long streamMinutes) {
        this.jdbc = jdbc;
        this.listener = new PgListener(dataSource, "live-listener", List.of(EventLog.CHANNEL, FX_CHANNEL), Duration.ofSeconds(1), this::onNotifications);
        this.events = events;
        this.shows = shows;
        this.presence = presence;
        this.payloads = payloads;
        this.catalog = catalog;
        this.lifetime = Duration.ofMinutes(streamMinutes);
    }

    /**
     * Turns this request into a listener of {@code show}: history (after {@code lastEventId} when it is one of this
     * show's sequence numbers, else the whole history), the current state, pin, stock and viewer count, then every
     * event as it happens. {@code viewerKey} is an anonymous browser's random key, for counting unique viewers.
     */
    public void open(ShowView show, Optional<Actor> actor, String lastEventId, String viewerKey, HttpServletRequest request,
                     HttpServletResponse response) throws IOException {
        long id = Long.parseLong(show.id());
        var channel = channel(id);
        long after = sequence(lastEventId);
        var snapshot = new ArrayList<byte[]>();
        snapshot.add(RETRY);
        snapshot.add(Channel.frame(0, "state", payloads.state(show)));
        snapshot.add(Channel.frame(0, "pin", payloads.pin(show)));
        if (show.pinned() != null) snapshot.add(Channel.frame(0, "stock", payloads.stock(show.pinnedSku(), show.pinned().stock())));
        snapshot.add(Channel.frame(0, "viewers", payloads.viewers(Math.max(show.viewers(), channel.viewers.size() + 1))));
        if (show.live()) {
            channel.newViewers.add(actor.map(a -> "u:" + a.id()).orElseGet(() ->
                viewerKey != null && VIEWER_KEY.matcher(viewerKey).matches() ? "a:" + viewerKey : "a:" + UUID.randomUUID()));
        }
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no"); // proxies must not buffer the stream
        // the body ends when the connection does, so the container adds no chunked encoding around the raw stream
        response.setHeader("Connection", "close");
        response.flushBuffer(); // the head goes out now, as a 200 without a length; upgrade() would otherwise send 101
        Viewer viewer;
        try {
            viewer = request.upgrade(Viewer.class);
        } catch (jakarta.servlet.ServletException e) {
            throw new IOException(e);
        }
        viewer.prepare(channel, fanout, v -> channel.attach(v, after, events, snapshot));
    }

    /** A Last-Event-ID as a sequence number; anything else (absent, malformed, negative) means "send the whole history". */
    static long sequence(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) return -1;
        try {
            long n = Long.parseLong(lastEventId.strip());
            return n >= 0 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Viewers of a show over all nodes (as last summed), or this node's when it has not summed yet. */
    public int viewers(long sessionId) {
        var c = channels.get(sessionId);
        if (c != null && c.lastViewers >= 0) return c.lastViewers;
        return presence.total(sessionId);
    }

    /** Sends this show's new log events to this node's listeners once the caller's transaction commits. */
    public void wakeAfterCommit(long sessionId) {
        AfterTransaction.commit(() -> wake(sessionId));
    }

    /** Counts a reaction; this node sends its counts to every node once a second. */
    public void react(long sessionId, String type) {
        int i = REACTIONS.indexOf(type);
        if (i < 0) throw new IllegalArgumentException(type);
        reactions.computeIfAbsent(sessionId, k -> new AtomicIntegerArray(REACTIONS.size())).incrementAndGet(i);
    }

    int listeners() {
        return channels.values().stream().mapToInt(c -> c.viewers.size()).sum();
    }

    private Channel channel(long id) {
        return channels.computeIfAbsent(id, k -> {
            var c = new Channel(k);
            c.load(events.latest(k, Channel.HISTORY));
            shows.find(k).ifPresent(s -> {
                c.state = s.state();
                c.pinnedSku = s.pinnedSku();
            });
            return c;
        });
    }

    /**
     * Queues a pass over the show's listeners, no sooner than {@link Channel#nextPassAt}: with thousands of listeners
     * a pass writes to thousands of sockets, and the events that arrive while the next one waits share its writes.
     */
    private void wake(long sessionId) {
        var c = channels.get(sessionId);
        if (c == null || !c.fetchQueued.compareAndSet(false, true)) return;
        long wait = c.nextPassAt - System.nanoTime();
        if (wait <= 0) fanout.execute(() -> fetch(c));
        else fanout.schedule(() -> fetch(c), wait, TimeUnit.NANOSECONDS);
    }

    private void fetch(Channel c) {
        try {
            var kinds = c.fetch(events, fanoutHelper);
            if (kinds.contains("pin") || kinds.contains("state")) {
                shows.find(c.sessionId).ifPresent(s -> {
                    c.state = s.state();
                    c.pinnedSku = s.pinnedSku();
                    c.lastStock = -1;
                });
            }
            if (kinds.contains("more")) wake(c.sessionId);
        } catch (RuntimeException e) {
            log.warn("Reading live events of show {} failed; the next wake-up retries: {}", c.sessionId, e.getMessage());
        }
    }

    private void tick() {
        try {
            ticks++;
            flushReactions();
            pollStock();
            if (ticks % 2 == 0) presence();
            if (ticks % 5 == 0) catchUp();
            if (ticks % 25 == 0) heartbeat();
            if (ticks % 60 == 0) forgetIdle();
        } catch (RuntimeException e) {
            log.warn("Live housekeeping failed; retrying next second: {}", e.getMessage());
        }
    }

    private void flushReactions() {
        for (var e : reactions.entrySet()) {
            var counts = e.getValue();
            var text = new StringBuilder();
            long total = 0;
            for (int i = 0; i < REACTIONS.size(); i++) {
                int n = counts.getAndSet(i, 0);
                if (n == 0) continue;
                total += n;
                if (!text.isEmpty()) text.append(',');
                text.append(REACTIONS.get(i)).append(':').append(n);
            }
            if (total == 0) {
                reactions.remove(e.getKey(), counts);
                continue;
            }
            shows.addReactions(e.getKey(), total);
            jdbc.sql("select pg_notify(:c, :p)").param("c", FX_CHANNEL).param("p", e.getKey() + "|" + text).query(Object.class).list();
        }
    }

    private void onReactions(String payload) {
        int bar = payload.indexOf('|');
        if (bar < 0) return;
        var c = channels.get(Long.parseLong(payload.substring(0, bar)));
        if (c == null || c.viewers.isEmpty()) return;
        var json = new StringBuilder("{");
        for (String pair : payload.substring(bar + 1).split(",")) {
            int colon = pair.indexOf(':');
            if (colon < 0 || !REACTIONS.contains(pair.substring(0, colon))) continue;
            if (json.length() > 1) json.append(',');
            json.append('"').append(pair, 0, colon).append("\":").append(Integer.parseInt(pair.substring(colon + 1)));
        }
        c.broadcast(Channel.frame(0, "reaction", json.append('}').toString()));
    }

    private void pollStock() {
        var pinned = new HashMap<String, List<Channel>>();
        for (var c : channels.values()) {
            if (c.pinnedSku != null && !c.viewers.isEmpty()) pinned.computeIfAbsent(c.pinnedSku, k -> new ArrayList<>()).add(c);
        }
        if (pinned.isEmpty()) return;
        for (var sku : catalog.skus(pinned.keySet())) {
            for (var c : pinned.get(sku.sku())) {
                if (c.lastStock == sku.stock()) continue;
                c.lastStock = sku.stock();
                c.broadcast(Channel.frame(0, "stock", payloads.stock(sku.sku(), sku.stock())));
            }
        }
    }

    private void presence() {
        var counts = new HashMap<Long, Integer>();
        var live = new ArrayList<Long>();
        for (var c : channels.values()) {
            counts.put(c.sessionId, c.viewers.size());
            if ("live".equals(c.state)) live.add(c.sessionId);
            if (!c.newViewers.isEmpty()) {
                var seen = new ArrayList<>(c.newViewers);
                c.newViewers.removeAll(seen);
                presence.uniques(c.sessionId, seen);
            }
        }
        presence.report(node, counts, live);
        var totals = presence.totals(counts.keySet());
        for (var c : channels.values()) {
            int total = totals.getOrDefault(c.sessionId, 0);
            if ("live".equals(c.state)) shows.peak(c.sessionId, total);
            if (total == c.lastViewers) continue;
            c.lastViewers = total;
            c.broadcast(Channel.frame(0, "viewers", payloads.viewers(total)));
        }
    }

    /** In case a NOTIFY was lost (the listening connection broke): read any show whose log moved on. */
    private void catchUp() {
        if (channels.isEmpty()) return;
        var ids = channels.keySet().stream().mapToLong(Long::longValue).toArray();
        jdbc.sql("select id, last_seq from live_sessions where id = any(:ids)").param("ids", ids)
            .query((rs, i) -> Map.entry(rs.getLong(1), rs.getLong(2))).list()
            .forEach(e -> {
                var c = channels.get(e.getKey());
                if (c != null && e.getValue() > c.knownSeq) wake(e.getKey());
            });
    }

    /** Keeps proxies from closing idle streams, finds dead ones, and ends streams past their lifetime (they reconnect and resume). */
    private void heartbeat() {
        long now = System.nanoTime();
        for (var c : channels.values()) {
            for (var v : c.viewers) {
                if (now - v.openedAt > lifetime.toNanos()) fanout.execute(v::close);
            }
            c.broadcast(HEARTBEAT);
        }
    }

    private void forgetIdle() {
        long now = System.nanoTime();
        channels.values().removeIf(c -> c.viewers.isEmpty() && now - c.emptySince > TimeUnit.MINUTES.toNanos(1));
    }

    /** A wait's notifications: reactions from any node, or "show:seq" when a show's log moved on. */
    private void onNotifications(List<PGNotification> notifications) {
        for (var n : notifications) {
            if (n.getName().equals(FX_CHANNEL)) {
                onReactions(n.getParameter());
                continue;
            }
            String p = n.getParameter();
            int colon = p.indexOf(':');
            long session = Long.parseLong(p.substring(0, colon));
            var c = channels.get(session);
            if (c != null && Long.parseLong(p.substring(colon + 1)) > c.knownSeq) wake(session);
        }
    }

    @Override
    public void start() {
        running = true;
        listener.start();
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        running = false;
        listener.stop();
        ticker.shutdownNow();
        channels.values().forEach(c -> c.viewers.forEach(Viewer::close));
        channels.clear();
        try {
            presence.leave(node);
        } catch (RuntimeException e) {
            log.debug("Could not clear this node's viewer counts: {}", e.getMessage());
        }
        fanout.shutdown();
        fanoutHelper.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
