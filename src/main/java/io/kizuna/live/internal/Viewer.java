package io.kizuna.live.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * One listener's connection, written with non-blocking servlet output: frames are shared byte arrays (serialized once
 * per node), written while the socket takes them and queued by reference while it does not. No thread waits for a
 * slow listener; one whose queue passes {@link #BACKLOG_LIMIT} is closed and resumes from its Last-Event-ID when its
 * browser reconnects. The container's write-possible callback only schedules the drain on the hub's own thread, so
 * container threads never wait on this object's lock.
 */
final class Viewer implements WriteListener, AsyncListener {
    static final int BACKLOG_LIMIT = 256 * 1024;

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final Channel channel;
    private final Executor drains;
    /** The last event sequence number this connection has been given; set under the channel's lock. */
    volatile long sentSeq;
    private ArrayDeque<byte[]> backlog;
    private int backlogBytes;
    private boolean closed;

    Viewer(AsyncContext async, ServletOutputStream out, Channel channel, Executor drains) {
        this.async = async;
        this.out = out;
        this.channel = channel;
        this.drains = drains;
    }

    synchronized void send(byte[] frame) {
        if (closed) return;
        if (backlog != null && !backlog.isEmpty()) {
            queue(frame);
            return;
        }
        try {
            if (!out.isReady()) {
                queue(frame);
                return;
            }
            out.write(frame);
            if (out.isReady()) out.flush(); // when not ready, the container finishes the write and calls onWritePossible
        } catch (IOException | IllegalStateException gone) {
            close();
        }
    }

    /** Sends the frames of one fetch that this connection has not been given yet. */
    void deliver(Batch batch) {
        long sent = sentSeq;
        if (sent >= batch.lastSeq()) return;
        if (sent < batch.firstSeq()) send(batch.bytes());
        else for (var f : batch.frames()) if (f.seq() > sent) send(f.bytes());
        sentSeq = batch.lastSeq();
    }

    private void queue(byte[] frame) {
        if (backlog == null) backlog = new ArrayDeque<>(4);
        backlog.addLast(frame);
        backlogBytes += frame.length;
        if (backlogBytes > BACKLOG_LIMIT) close();
    }

    private synchronized void drain() {
        if (closed) return;
        try {
            while (backlog != null && !backlog.isEmpty() && out.isReady()) {
                var next = backlog.pollFirst();
                backlogBytes -= next.length;
                out.write(next);
            }
            if ((backlog == null || backlog.isEmpty()) && out.isReady()) {
                backlog = null; // idle connections keep no queue
                out.flush();
            }
        } catch (IOException | IllegalStateException gone) {
            close();
        }
    }

    synchronized void close() {
        if (closed) return;
        closed = true;
        backlog = null;
        channel.detach(this);
        try {
            async.complete();
        } catch (IllegalStateException alreadyDone) {
            // the container completed it first
        }
    }

    @Override
    public void onWritePossible() {
        drains.execute(this::drain);
    }

    @Override
    public void onError(Throwable t) {
        close();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close(); // the browser reconnects with Last-Event-ID
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    /** Frames fetched together, and all their bytes in one array. */
    record Batch(long firstSeq, long lastSeq, java.util.List<Channel.Frame> frames, byte[] bytes) {}
}
