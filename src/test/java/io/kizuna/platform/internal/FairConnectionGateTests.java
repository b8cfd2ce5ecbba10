package io.kizuna.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.kizuna.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The gate in front of a real pool on the test PostgreSQL: arrival order, permits given back, timeouts. */
class FairConnectionGateTests {
    private HikariDataSource pool;

    @BeforeEach
    void pool() {
        pool = new HikariDataSource();
        pool.setJdbcUrl(TestDatabase.newDatabase("gate"));
        pool.setUsername(TestDatabase.server().user());
        pool.setPassword(TestDatabase.server().password());
        pool.setMaximumPoolSize(2);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void aThreadThatGivesBackAConnectionAndAsksAgainQueuesBehindTheOneAlreadyWaiting() throws Exception {
        var gate = new FairConnectionGate(pool, 1, Duration.ofSeconds(10));
        List<String> order = new CopyOnWriteArrayList<>();
        var first = gate.getConnection();
        var waiter = Thread.ofPlatform().start(() -> {
            try (var c = gate.getConnection()) {
                order.add("waiter");
                Thread.sleep(100);
            } catch (Exception e) {
                order.add("waiter failed: " + e);
            }
        });
        while (gate.waiting() == 0) Thread.sleep(1);
        first.close();
        try (var again = gate.getConnection()) { // an unfair gate (or HikariCP alone) lets this one barge ahead
            order.add("again");
        }
        waiter.join();
        assertThat(order).containsExactly("waiter", "again");
        assertThat(gate.available()).isEqualTo(1);
    }

    @Test
    void closingTwiceGivesBackOnePermitAndTheConnectionStillUnwrapsToPostgres() throws Exception {
        var gate = new FairConnectionGate(pool, 2, Duration.ofSeconds(10));
        Connection c = gate.getConnection();
        assertThat(gate.available()).isEqualTo(1);
        assertThat(c.unwrap(PGConnection.class)).isNotNull();
        try (var s = c.createStatement(); var r = s.executeQuery("select 41 + 1")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(42);
        }
        c.close();
        c.close();
        assertThat(c.isClosed()).isTrue();
        assertThat(gate.available()).isEqualTo(2);
    }

    @Test
    void noFreeConnectionWithinTheTimeoutIsATransientError() throws Exception {
        var gate = new FairConnectionGate(pool, 1, Duration.ofMillis(200));
        try (var held = gate.getConnection()) {
            assertThatThrownBy(gate::getConnection).isInstanceOf(SQLTransientConnectionException.class);
        }
        assertThat(gate.available()).isEqualTo(1);
    }

    @Test
    void aConnectionThatCannotBeOpenedGivesItsPermitBack() {
        var gate = new FairConnectionGate(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none"), 1, Duration.ofSeconds(1));
        assertThatThrownBy(gate::getConnection).isInstanceOf(java.sql.SQLException.class);
        assertThat(gate.available()).isEqualTo(1);
    }
}
