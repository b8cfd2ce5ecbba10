package io.kizuna.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dedicated database connection that {@code LISTEN}s to PostgreSQL channels on its own thread and hands every
 * wait's notifications (none when the wait timed out) to {@code onWait}. A broken connection is replaced a second
 * later; whatever was notified in between is lost, so callers also poll for what they may have missed.
 */
public final class PgListener {
    private static final Logger log = LoggerFactory.getLogger(PgListener.class);

    private final DataSource dataSource;
    private final String name;
    private final List<String> channels;
    private final Duration wait;
    private final Consumer<List<PGNotification>> onWait;
    private volatile boolean running;
    private volatile Connection listening;
    private Thread thread;

    /** {@code name} names the thread and the log lines; {@code wait} is the longest wait between two calls of {@code onWait}. */
    public PgListener(DataSource dataSource, String name, List<String> channels, Duration wait, Consumer<List<PGNotification>> onWait) {
        this.dataSource = dataSource;
        this.name = name;
        this.channels = List.copyOf(channels);
        this.wait = wait;
        this.onWait = onWait;
    }

    public void start() {
        running = true;
        thread = Thread.ofPlatform().name(name).daemon().start(this::listen);
    }

    public void stop() {
        running = false;
        var connection = listening;
        if (connection != null) {
            try {
                connection.close(); // ends a blocking wait for notifications
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        if (thread != null) thread.interrupt();
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                listening = connection;
                connection.setAutoCommit(true);
                try (var statement = connection.createStatement()) {
                    for (var channel : channels) statement.execute("listen " + channel);
                }
                var pg = connection.unwrap(PGConnection.class);
                while (running) {
                    var notifications = pg.getNotifications((int) wait.toMillis());
                    onWait.accept(notifications == null ? List.of() : List.of(notifications));
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) return;
                log.warn("{}: listening failed; retrying in 1 s: {}", name, e.getMessage());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            } finally {
                listening = null;
            }
        }
    }
}
