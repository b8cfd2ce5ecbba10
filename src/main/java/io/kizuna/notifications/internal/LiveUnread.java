package io.kizuna.notifications.internal;

import io.kizuna.platform.PgListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import javax.sql.DataSource;
import org.postgresql.PGNotification;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live unread count. Browsers keep a Server-Sent Events stream open on whichever node served them; a change is
 * announced with PostgreSQL NOTIFY (sent when the writing transaction commits), every node LISTENs, and the node
 * holding a member's streams sends them the new count. So it works with any number of nodes and no sticky sessions.
 */
@Component
public class LiveUnread implements SmartLifecycle {
    static final String CHANNEL = "kizuna_unread";
    private static final int MAX_STREAMS_PER_MEMBER = 8;
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);
    private static final Duration HEARTBEAT = Duration.ofSeconds(25);
    private static final int PAYLOAD_LIMIT = 7_000; // NOTIFY payloads must stay under 8,000 bytes

    private final JdbcClient jdbc;
    private final UnreadCount unread;
    private final Map<Long, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final PgListener listener;
    private volatile boolean running;
    private long lastBeat = System.nanoTime(); // read and written on the listener's thread only

    LiveUnread(DataSource dataSource, JdbcClient jdbc, UnreadCount unread) {
        this.jdbc = jdbc;
        this.listener = new PgListener(dataSource, "unread-listener", List.of(CHANNEL), HEARTBEAT.dividedBy(5), this::onNotifications);
        this.unread = unread;
    }

    /** Opens a stream that starts with the member's unread count and then sends each change. */
    public SseEmitter open(long userId) {
        var emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        var mine = streams.computeIfAbsent(userId, k -> new CopyOnWriteArraySet<>());
        if (mine.size() >= MAX_STREAMS_PER_MEMBER) mine.iterator().next().complete(); // the oldest tab gives way
        mine.add(emitter);
        Runnable drop = () -> forget(userId, emitter);
        emitter.onCompletion(drop);
        emitter.onTimeout(drop);
        emitter.onError(e -> drop.run());
        send(userId, emitter, unread.of(userId));
        return emitter;
    }

    /** Tells every node that these members' counts changed; PostgreSQL delivers it when the caller's transaction commits. */
    public void announce(Collection<Long> userIds) {
        var payload = new StringBuilder();
        for (long id : userIds.stream().distinct().toList()) {
            if (payload.length() > PAYLOAD_LIMIT) {
                notify(payload.toString());
                payload.setLength(0);
            }
            if (!payload.isEmpty()) payload.append(',');
            payload.append(id);
        }
        if (!payload.isEmpty()) notify(payload.toString());
    }

    int openStreams() {
        return streams.values().stream().mapToInt(Set::size).sum();
    }

    private void notify(String payload) {
        jdbc.sql("select pg_notify(:channel, :payload)").param("channel", CHANNEL).param("payload", payload).query(Object.class).list();
    }

    private void push(long userId) {
        var mine = streams.get(userId);
        if (mine == null || mine.isEmpty()) return;
        int count = unread.of(userId);
        mine.forEach(emitter -> send(userId, emitter, count));
    }

    private void send(long userId, SseEmitter emitter, int count) {
        try {
            emitter.send(SseEmitter.event().name("unread").data("{\"count\":" + count + "}"));
        } catch (IOException | IllegalStateException gone) {
            forget(userId, emitter);
        }
    }

    private void heartbeat() {
        streams.forEach((userId, mine) -> mine.forEach(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException gone) {
                forget(userId, emitter);
            }
        }));
    }

    private void forget(long userId, SseEmitter emitter) {
        streams.computeIfPresent(userId, (k, mine) -> {
            mine.remove(emitter);
            return mine.isEmpty() ? null : mine;
        });
    }

    /** A wait's notifications (each a list of member ids whose count changed), then a heartbeat when one is due. */
    private void onNotifications(List<PGNotification> notifications) {
        if (!notifications.isEmpty()) {
            var members = new ArrayList<Long>();
            for (var n : notifications) {
                for (var id : n.getParameter().split(",")) members.add(Long.parseLong(id));
            }
            members.stream().distinct().filter(streams::containsKey).forEach(this::push);
        }
        if (System.nanoTime() - lastBeat > HEARTBEAT.toNanos()) {
            heartbeat();
            lastBeat = System.nanoTime();
        }
    }

    @Override
    public void start() {
        running = true;
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        listener.stop();
        streams.values().forEach(mine -> mine.forEach(SseEmitter::complete));
        streams.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
