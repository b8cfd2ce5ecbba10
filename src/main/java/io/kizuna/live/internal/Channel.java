package io.kizuna.live.internal;

import io.kizuna.live.internal.EventLog.Event;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * One show's listeners on this node, and the show's recent events as ready-made SSE frames (the last {@link #HISTORY}),
 * which new and resuming listeners are sent first. Events are read from the log in sequence order on one thread and
 * each is serialized once, whatever the number of listeners.
 */
final class Channel {
    static final int HISTORY = 500;
    /** From this many listeners on, a fetch is written out by two threads. */
    static final int SPLIT = 1_000;
    /** The longest wait between two passes over the listeners (see {@link #paceAfter}). */
    static final long MAX_PACE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);
    private static final Pattern MESSAGE_ID = Pattern.compile("^\\{\"id\":\"(\\d+)\"");

    /** One event as sent: {@code messageId} is the chat message it carries (0 for other kinds). */
    record Frame(long seq, long messageId, byte[] bytes) {}

    final long sessionId;
    final CopyOnWriteArrayList<Viewer> viewers = new CopyOnWriteArrayList<>();
    final AtomicBoolean fetchQueued = new AtomicBoolean();
    /** Listeners seen while the show is live and not yet written to {@code live_unique_viewers}. */
    final Set<String> newViewers = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<Frame> ring = new ArrayDeque<>();
    private long lastSeq;
    volatile long knownSeq;
    volatile String state;
    volatile String pinnedSku;
    volatile int lastStock = -1;
    volatile int lastViewers = -1;
    volatile long emptySince = System.nanoTime();
    /** When the next pass over the listeners may start (System.nanoTime). */
    volatile long nextPassAt = System.nanoTime();

    Channel(long sessionId) {
        this.sessionId = sessionId;
    }

    /** Fills the history from the newest events of the log. */
    synchronized void load(List<Event> events) {
        for (var e : events) add(e);
    }

    /**
     * Sends a new listener what it missed (everything after {@code after}; the whole history when {@code after} is
     * not a sequence number of this show) and the {@code snapshot} frames, then adds it to the listeners.
     */
    synchronized void attach(Viewer v, long after, EventLog log, List<byte[]> snapshot) {
        var out = new ByteArrayOutputStream(1024);
        boolean resumes = after >= 0 && after <= lastSeq;
        if (resumes && !ring.isEmpty() && after < ring.peekFirst().seq() - 1) {
            // missed more than the history holds: read the gap from the log
            for (var e : log.after(sessionId, after, 10_000)) {
                if (e.seq() >= ring.peekFirst().seq()) break;
                out.writeBytes(frame(e.seq(), e.kind(), e.payload()));
            }
        }
        for (var f : ring) if (!resumes || f.seq() > after) out.writeBytes(f.bytes());
        snapshot.forEach(out::writeBytes);
        v.sentSeq = lastSeq;
        v.send(out.toByteArray());
        viewers.add(v);
        if (v.closed()) viewers.remove(v); // it left while being attached
    }

    void detach(Viewer v) {
        viewers.remove(v);
        if (viewers.isEmpty()) emptySince = System.nanoTime();
    }

    /**
     * Reads events after the last one seen and sends them to every listener, the second half of a large audience on
     * {@code helper} (both halves finish before the next fetch, so each listener still gets events in order), then
     * sets the pace of the next pass; returns the kinds read. A read that finds nothing (a second wake-up for events
     * an earlier pass already sent) writes nothing and leaves the pace as it was: taking its microseconds as the last
     * pass's length let the next pass of thousands of writes start at once.
     */
    Set<String> fetch(EventLog log, java.util.concurrent.Executor helper) {
        fetchQueued.set(false);
        long started = System.nanoTime();
        Viewer.Batch batch;
        var kinds = new java.util.HashSet<String>();
        synchronized (this) {
            var events = log.after(sessionId, lastSeq, 1_000);
            if (events.isEmpty()) return kinds;
            var frames = new ArrayList<Frame>(events.size());
            var all = new ByteArrayOutputStream(events.size() * 256);
            for (var e : events) {
                kinds.add(e.kind());
                var f = add(e);
                frames.add(f);
                all.writeBytes(f.bytes());
            }
            batch = new Viewer.Batch(frames.getFirst().seq(), frames.getLast().seq(), frames, all.toByteArray());
            if (events.size() == 1_000) kinds.add("more");
        }
        var all = viewers.toArray(new Viewer[0]);
        if (all.length < SPLIT) {
            deliver(all, 0, all.length, batch);
        } else {
            int half = all.length / 2;
            var second = java.util.concurrent.CompletableFuture.runAsync(() -> deliver(all, half, all.length, batch), helper);
            deliver(all, 0, half, batch);
            second.join();
        }
        paceAfter(started, System.nanoTime());
        return kinds;
    }

    /**
     * After a pass from {@code started} to {@code ended}, the next one waits as long again after it ended (up to
     * {@link #MAX_PACE_NANOS}): fan-out then spends at most half its time writing, a small audience's pass of
     * microseconds adds no delay, and at 5,000 listeners two or three chat messages go out in one write per socket.
     */
    void paceAfter(long started, long ended) {
        nextPassAt = ended + Math.min(ended - started, MAX_PACE_NANOS);
    }

    private static void deliver(Viewer[] all, int from, int to, Viewer.Batch batch) {
        for (int i = from; i < to; i++) all[i].deliver(batch);
    }

    /** Sends a frame that is not part of the log (viewer counts, stock, reactions) to every listener. */
    void broadcast(byte[] frame) {
        for (var v : viewers) v.send(frame);
    }

    private Frame add(Event e) {
        if (e.kind().equals("delete")) scrub(e.payload());
        var m = e.kind().equals("message") ? MESSAGE_ID.matcher(e.payload()) : null;
        var f = new Frame(e.seq(), m != null && m.find() ? Long.parseLong(m.group(1)) : 0, frame(e.seq(), e.kind(), e.payload()));
        ring.addLast(f);
        if (ring.size() > HISTORY) ring.pollFirst();
        lastSeq = e.seq();
        knownSeq = e.seq();
        return f;
    }

    /** A deleted message leaves the history too: its frame becomes the deletion. */
    private void scrub(String deletePayload) {
        var m = MESSAGE_ID.matcher(deletePayload);
        if (!m.find()) return;
        long id = Long.parseLong(m.group(1));
        var kept = new ArrayDeque<Frame>(ring.size());
        for (var f : ring) kept.addLast(f.messageId() == id ? new Frame(f.seq(), 0, frame(f.seq(), "delete", deletePayload)) : f);
        ring.clear();
        ring.addAll(kept);
    }

    /** An SSE frame; {@code seq} 0 sends no id, so the browser's Last-Event-ID stays on the last logged event. */
    static byte[] frame(long seq, String kind, String payload) {
        var sb = new StringBuilder(payload.length() + 48);
        if (seq > 0) sb.append("id: ").append(seq).append('\n');
        sb.append("event: ").append(kind).append('\n').append("data: ").append(payload).append("\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
