package io.kizuna.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.kizuna.support.IntegrationTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** With {@code KIZUNA_DATABASE_URL} set, Kizuna runs on that PostgreSQL (migrated by Flyway) and starts no embedded one. */
class ExternalDatabaseIntegrationTests extends IntegrationTestBase {
    @Autowired
    javax.sql.DataSource dataSource;

    @Value("${kizuna.data-dir}")
    String dataDir;

    @Value("${kizuna.database.url}")
    String url;

    @Test
    void runsOnTheConfiguredDatabaseWithoutAnEmbeddedServer() throws java.sql.SQLException {
        assertThat(dataSource.unwrap(HikariDataSource.class).getJdbcUrl()).isEqualTo(url);
        assertThat(Path.of(dataDir).resolve("pg")).doesNotExist();
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Long.class).single()).isGreaterThanOrEqualTo(3);
        assertThat(api.post("/api/v1/auth/signup", java.util.Map.of("email", "ext@example.com", "password", "correct-horse-1", "displayName", "Ext")).status()).isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from identity_users where email = 'ext@example.com'").query(Long.class).single()).isEqualTo(1);
    }
}
