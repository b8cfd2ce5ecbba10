package io.kizuna.platform.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one DataSource: an external PostgreSQL when {@code KIZUNA_DATABASE_URL} is set, otherwise the
 * embedded server under {@code KIZUNA_DATA_DIR/pg}. Flyway migrates either the same way. HikariCP pools the
 * connections; {@link FairConnectionGate} in front of it serves waiting requests in arrival order.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** Holder so the embedded server is only started when no external URL is configured. */
    record EmbeddedServer(EmbeddedPostgres server) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) server.close();
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedServer embeddedServer(@Value("${kizuna.database.url:}") String url,
                                  @Value("${kizuna.data-dir}") String dataDir,
                                  @Value("${kizuna.database.unix-socket:true}") boolean unixSocket) throws IOException {
        if (!url.isBlank()) return new EmbeddedServer(null);
        return new EmbeddedServer(EmbeddedPostgres.start(Path.of(dataDir), unixSocket));
    }

    @Bean(destroyMethod = "close")
    FairConnectionGate dataSource(EmbeddedServer embedded,
                                @Value("${kizuna.database.url:}") String url,
                                @Value("${kizuna.database.user:}") String user,
                                @Value("${kizuna.database.password:}") String password,
                                @Value("${kizuna.database.pool-size:16}") int poolSize) {
        var config = new HikariConfig();
        config.setPoolName("kizuna");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        if (embedded.server() != null) {
            config.setJdbcUrl(embedded.server().jdbcUrl());
            config.setUsername(embedded.server().user());
            config.setPassword(embedded.server().password());
        } else {
            log.info("Using the external PostgreSQL at {}", redact(url));
            config.setJdbcUrl(url);
            if (!user.isBlank()) config.setUsername(user);
            if (!password.isBlank()) config.setPassword(password);
        }
        return new FairConnectionGate(new HikariDataSource(config), poolSize, Duration.ofMillis(config.getConnectionTimeout()));
    }

    /** Never log credentials that someone put into the URL. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//[^/@]*@", "//***@");
    }
}
