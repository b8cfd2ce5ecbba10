package io.kizuna.support;

import io.kizuna.KizunaApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A second Kizuna node on the same database as the test's own, with its own data directory, on a random port. */
public final class SecondNode {
    private SecondNode() {}

    public static ConfigurableApplicationContext start(String databaseUrl) throws IOException {
        var props = new HashMap<String, Object>();
        props.put("kizuna.database.url", databaseUrl);
        props.put("kizuna.database.user", TestDatabase.server().user());
        props.put("kizuna.database.password", TestDatabase.server().password());
        props.put("kizuna.database.pool-size", "4");
        props.put("kizuna.data-dir", Files.createTempDirectory("kizuna-node-b").toString());
        props.put("kizuna.cookies.secure", "false");
        props.put("kizuna.moderation.writes-per-minute", "10000");
        props.put("server.port", "0");
        // command-line arguments, because builder properties are only defaults that application.yml overrides
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(KizunaApplication.class).run(args);
    }

    /** The base URL of a started node. */
    public static String base(ConfigurableApplicationContext node) {
        return "http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port");
    }
}
