package io.kizuna.identity.internal;

import io.kizuna.mail.MailOutbox;
import io.kizuna.platform.PublicUrls;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/** The account mails (verify address, reset password), in the member's language, queued in the caller's transaction. */
@Component
public class IdentityMails {
    private final MailOutbox outbox;
    private final MessageSource messages;
    private final PublicUrls urls;

    IdentityMails(MailOutbox outbox, MessageSource messages, PublicUrls urls) {
        this.outbox = outbox;
        this.messages = messages;
        this.urls = urls;
    }

    public void verification(UserRow user, String secret) {
        send(user, "mail.verify", urls.of("/verify-email?token=" + UriUtils.encodeQueryParam(secret, "UTF-8")));
    }

    public void passwordReset(UserRow user, String secret) {
        send(user, "mail.reset", urls.of("/password/reset?token=" + UriUtils.encodeQueryParam(secret, "UTF-8")));
    }

    private void send(UserRow user, String key, String link) {
        var locale = Locale.forLanguageTag(user.locale());
        String subject = messages.getMessage(key + ".subject", null, locale);
        String body = messages.getMessage(key + ".body", new Object[] {user.displayName(), link}, locale);
        outbox.send(user.email(), subject, body);
    }
}
