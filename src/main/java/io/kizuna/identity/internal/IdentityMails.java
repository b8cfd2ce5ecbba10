package io.kizuna.identity.internal;

import io.kizuna.mail.MailOutbox;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/** The account mails (verify address, reset password), in the member's language, queued in the caller's transaction. */
@Component
public class IdentityMails {
    private final MailOutbox outbox;
    private final MessageSource messages;
    private final String configuredBaseUrl;
    private final Environment environment;

    IdentityMails(MailOutbox outbox, MessageSource messages, @Value("${kizuna.base-url:}") String baseUrl, Environment environment) {
        this.outbox = outbox;
        this.messages = messages;
        this.configuredBaseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.environment = environment;
    }

    /** {@code KIZUNA_BASE_URL}, or this server on localhost when unset (fine for one machine, set it behind a proxy). */
    private String baseUrl() {
        if (!configuredBaseUrl.isBlank()) return configuredBaseUrl;
        return "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }

    public void verification(UserRow user, String secret) {
        send(user, "mail.verify", baseUrl() + "/verify-email?token=" + UriUtils.encodeQueryParam(secret, "UTF-8"));
    }

    public void passwordReset(UserRow user, String secret) {
        send(user, "mail.reset", baseUrl() + "/password/reset?token=" + UriUtils.encodeQueryParam(secret, "UTF-8"));
    }

    private void send(UserRow user, String key, String link) {
        var locale = Locale.forLanguageTag(user.locale());
        String subject = messages.getMessage(key + ".subject", null, locale);
        String body = messages.getMessage(key + ".body", new Object[] {user.displayName(), link}, locale);
        outbox.send(user.email(), subject, body);
    }
}
