package io.kizuna.platform.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands out the pool's connections first come, first served. HikariCP lets a thread that asks for a connection take a
 * free one before the threads already waiting (its thread-local list and its shared-list scan both barge), which is
 * fast when the pool is rarely short but, with 200 requests on 16 connections (a limited drop), lets some wait for
 * seconds while most wait for tens of milliseconds. A fair semaphore with one permit per connection queues the
 * requests in arrival order in front of the pool; a permit is given back when its connection is closed.
 */
final class FairConnectionGate extends DelegatingDataSource implements AutoCloseable {
    private final Semaphore permits;
    private final Duration timeout;

    FairConnectionGate(DataSource pool, int connections, Duration timeout) {
        super(pool);
        this.permits = new Semaphore(connections, true);
        this.timeout = timeout;
    }

    @Override
    public Connection getConnection() throws SQLException {
        acquire();
        return gated(() -> obtainTargetDataSource().getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        acquire();
        return gated(() -> obtainTargetDataSource().getConnection(username, password));
    }

    /** Closes the pool behind the gate. */
    @Override
    public void close() throws Exception {
        if (obtainTargetDataSource() instanceof AutoCloseable pool) pool.close();
    }

    /** Permits not taken now (for tests). */
    int available() {
        return permits.availablePermits();
    }

    /** Threads waiting for a permit (for tests). */
    int waiting() {
        return permits.getQueueLength();
    }

    private void acquire() throws SQLException {
        try {
            if (!permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) { // the timed form keeps the fairness
                throw new SQLTransientConnectionException("No database connection free after " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("Interrupted while waiting for a database connection", e);
        }
    }

    private interface Open {
        Connection open() throws SQLException;
    }

    private Connection gated(Open open) throws SQLException {
        Connection connection;
        try {
            connection = open.open();
        } catch (SQLException | RuntimeException | Error e) {
            permits.release();
            throw e;
        }
        var closed = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "close" -> {
                    if (closed.compareAndSet(false, true)) {
                        try {
                            connection.close();
                        } finally {
                            permits.release(); // after the pool has the connection back, so the next in line finds it free
                        }
                    }
                    return null;
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "gated " + connection;
                }
                default -> {
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        });
    }
}
