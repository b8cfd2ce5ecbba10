package io.kizuna.moderation.internal;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.mail.MailOutbox;
import io.kizuna.platform.PublicUrls;
import io.kizuna.shared.UserId;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Mail to members about moderation (content hidden, warnings, suspensions, bans, appeal outcomes) and to route staff
 * about escalations, in each recipient's language, queued in the acting transaction.
 */
@Component
public class ModerationMails {
    private final MailOutbox outbox;
    private final IdentityManagement identity;
    private final MessageSource messages;
    private final PublicUrls urls;

    ModerationMails(MailOutbox outbox, IdentityManagement identity, MessageSource messages, PublicUrls urls) {
        this.outbox = outbox;
        this.identity = identity;
        this.messages = messages;
        this.urls = urls;
    }

    /**
     * Tells a member about an action concerning them. {@code kind} picks the texts {@code moderation.mail.<kind>.*};
     * the body gets {0} the note or reason, {1} a link, {2} the quoted guidelines, {3} days.
     */
    public void toMember(long userId, String kind, String note, String path, String guidelines, Integer days) {
        identity.purchaseContact(new UserId(userId)).ifPresent(c -> {
            var args = new Object[] {note == null ? "" : note, urls.of(path), quote(guidelines), days == null ? "" : days};
            outbox.send(c.email(), messages.getMessage("moderation.mail." + kind + ".subject", args, c.locale()),
                messages.getMessage("moderation.mail." + kind + ".body", args, c.locale()));
        });
    }

    private static String quote(String guidelines) {
        if (guidelines == null || guidelines.isBlank()) return "";
        var text = guidelines.length() > 1500 ? guidelines.substring(0, 1500) + "…" : guidelines;
        return "> " + text.strip().replace("\n", "\n> ");
    }
}
