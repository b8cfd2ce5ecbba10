package io.kizuna.notifications.internal;

import io.kizuna.community.Views.ThreadRef;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The one-line summary of a notification ("Taro replied to …"), for the page, the mail and the digest alike. */
@Component
public class NotificationText {
    private final MessageSource messages;

    NotificationText(MessageSource messages) {
        this.messages = messages;
    }

    public String summary(String kind, int count, ThreadRef thread, String actorName, Locale locale) {
        String who = actorName == null ? messages.getMessage("community.deletedMember", null, locale) : actorName;
        String key = "notify." + kind + ("reply".equals(kind) && count > 1 ? ".many" : "");
        return messages.getMessage(key, new Object[] {thread.title(), who, count, thread.spaceName()}, locale);
    }

    public String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
