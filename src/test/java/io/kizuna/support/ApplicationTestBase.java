package io.kizuna.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A running Kizuna for a test class: its fresh database (see {@link #configure}), an HTTP client and SQL access.
 * Subclasses declare a {@code @DynamicPropertySource} that calls {@link #configure}; most use {@link IntegrationTestBase}.
 */
@IntegrationTest
public abstract class ApplicationTestBase {
    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api;

    /** A fresh database on the shared test PostgreSQL; with {@code smtp}, mail goes to the in-process SMTP server. */
    protected static void configure(DynamicPropertyRegistry registry, boolean smtp) throws Exception {
        String url = TestDatabase.newDatabase("it");
        Path dataDir = Files.createTempDirectory("kizuna-it-data");
        registry.add("kizuna.database.url", () -> url);
        registry.add("kizuna.database.user", () -> TestDatabase.server().user());
        registry.add("kizuna.database.password", () -> TestDatabase.server().password());
        registry.add("kizuna.database.pool-size", () -> "6");
        registry.add("kizuna.data-dir", dataDir::toString);
        if (smtp) {
            registry.add("kizuna.mail.smtp-host", () -> "127.0.0.1");
            registry.add("kizuna.mail.smtp-port", () -> Integer.toString(TestMail.port()));
        }
        registry.add("kizuna.cookies.secure", () -> "false");
        registry.add("kizuna.rate-limits.signups-per-hour-per-ip", () -> "10000");
        registry.add("kizuna.rate-limits.logins-per-minute-per-ip", () -> "10000");
        // tests write fast and often repeat a body; the automatic moderation tests set their own limits
        registry.add("kizuna.moderation.writes-per-minute", () -> "10000");
        registry.add("kizuna.moderation.duplicate-window-seconds", () -> "0");
    }

    @org.junit.jupiter.api.BeforeEach
    void client() {
        api = new Api("http://127.0.0.1:" + port);
    }

    /** Signs up a member with a role (set before their token is first used) and returns their token. */
    protected Api.Member withRole(String email, String role) {
        var m = api.member(email, email.substring(0, email.indexOf('@')));
        jdbc.sql("update identity_users set role = :r where id = :id").param("r", role).param("id", Long.parseLong(m.id())).update();
        return api.login(email, "correct-horse-1");
    }

    /** A browser-like client signed in through the log-in page (session cookie); POSTs need {@link Api.Response#csrf()}. */
    protected Api signedInClient(String email) {
        return signedInClient(email, "correct-horse-1");
    }

    protected Api signedInClient(String email, String password) {
        var client = new Api("http://127.0.0.1:" + port);
        var form = client.get("/login");
        var r = client.raw("POST", "/login", "application/x-www-form-urlencoded", "_csrf=" + enc(form.csrf())
            + "&email=" + enc(email) + "&password=" + enc(password));
        if (r.status() != 302) throw new AssertionError("page login failed: " + r);
        return client;
    }

    protected static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    protected long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
