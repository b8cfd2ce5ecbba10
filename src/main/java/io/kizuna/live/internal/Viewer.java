package io.kizuna.live.internal;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One listener's connection. The request is answered with the event stream's headers and then handed over from the
 * HTTP machinery to this handler (a servlet HTTP upgrade that keeps status 200 and {@code Connection: close}): the
 * container then frees the connection's request and response objects and their buffers (about 90 KB per connection
 * in Tomcat), which an async request would hold for as long as the stream is open. Frames are shared byte arrays
 * (serialized once per node), written with non-blocking output while the socket takes them and queued by reference
 * while it does not. No thread waits for a slow listener; one whose queue passes {@link #BACKLOG_LIMIT} is closed and
 * resumes from its Last-Event-ID when its browser reconnects. The container's callbacks only schedule work on the
 * hub's thread, so container threads never wait on this object's lock.
 */
public final class Viewer implements HttpUpgradeHandler, WriteListener, ReadListener {
    static final int BACKLOG_LIMIT = 256 * 1024;

    private Channel channel;
    private Executor drains;
    private Consumer<Viewer> onOpen;
    private WebConnection connection;
    private ServletOutputStream out;
    private ServletInputStream in;
    final long openedAt = System.nanoTime();
    /** The last event sequence number this connection has been given; set under the channel's lock. */
    volatile long sentSeq;
    private ArrayDeque<byte[]> backlog;
    private int backlogBytes;
    private boolean closed;
    /** What the output said after our last write: asking again costs a socket write attempt per frame. */
    private boolean ready;

    /** Created by the container for {@code request.upgrade}; {@link #prepare} gives it its channel before {@link #init}. */
    public Viewer() {}

    void prepare(Channel channel, Executor drains, Consumer<Viewer> onOpen) {
        this.channel = channel;
        this.drains = drains;
        this.onOpen = onOpen;
    }

    @Override
    public void init(WebConnection webConnection) {
        this.connection = webConnection;
        try {
            out = webConnection.getOutputStream();
            in = webConnection.getInputStream();
            out.setWriteListener(this);
            in.setReadListener(this);
        } catch (IOException e) {
            close();
            return;
        }
        drains.execute(() -> onOpen.accept(this));
    }

    synchronized void send(byte[] frame) {
        if (closed || out == null) return;
        if (backlog != null && !backlog.isEmpty()) {
            queue(frame);
            return;
        }
        if (!ready) {
            queue(frame);
            return;
        }
        try {
            out.write(frame);
            ready = out.isReady();
            if (ready) out.flush(); // when not ready, the container finishes the write and calls onWritePossible
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
            ready = out.isReady();
            while (ready && backlog != null && !backlog.isEmpty()) {
                var next = backlog.pollFirst();
                backlogBytes -= next.length;
                out.write(next);
                ready = out.isReady();
            }
            if (ready) {
                backlog = null; // idle connections keep no queue
                out.flush();
            }
        } catch (IOException | IllegalStateException gone) {
            close();
        }
    }

    synchronized boolean closed() {
        return closed;
    }

    void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            backlog = null;
        }
        if (channel != null) channel.detach(this);
        try {
            if (connection != null) connection.close();
        } catch (Exception alreadyGone) {
            // the client left first
        }
    }

    @Override
    public void onWritePossible() {
        drains.execute(this::drain);
    }

    @Override
    public void onDataAvailable() throws IOException {
        var discard = new byte[256];
        while (in.isReady() && in.read(discard) >= 0) {
            // a listener has nothing to say; reading only notices when it leaves
        }
    }

    @Override
    public void onAllDataRead() {
        drains.execute(this::close); // the client closed its side
    }

    @Override
    public void onError(Throwable t) {
        drains.execute(this::close);
    }

    @Override
    public void destroy() {
        close();
    }

    /** Frames fetched together, and all their bytes in one array. */
    record Batch(long firstSeq, long lastSeq, java.util.List<Channel.Frame> frames, byte[] bytes) {}
}
