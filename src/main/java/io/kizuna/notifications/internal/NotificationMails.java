package io.kizuna.notifications.internal;

import io.kizuna.community.CommunityAudience;
import io.kizuna.community.Views.ThreadRef;
import io.kizuna.identity.IdentityManagement;
import io.kizuna.identity.IdentityManagement.Contact;
import io.kizuna.identity.MemberName;
import io.kizuna.mail.MailOutbox;
import io.kizuna.notifications.internal.NotificationRows.NotificationRow;
import io.kizuna.notifications.internal.NotificationRows.Written;
import io.kizuna.notifications.internal.SettingsRows.SettingsRow;
import io.kizuna.platform.PublicUrls;
import io.kizuna.shared.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Notification mail, queued in the caller's transaction: one mail per fresh notification for members who want
 * them at once, and a daily digest for the rest. Every mail carries a one-click unsubscribe (RFC 8058).
 */
@Component
public class NotificationMails {
    private static final int DIGEST_ITEMS = 30;

    private final MailOutbox outbox;
    private final IdentityManagement identity;
    private final CommunityAudience audience;
    private final NotificationRows rows;
    private final SettingsRows settings;
    private final NotificationText text;
    private final PublicUrls urls;

    NotificationMails(MailOutbox outbox, IdentityManagement identity, CommunityAudience audience, NotificationRows rows,
                      SettingsRows settings, NotificationText text, PublicUrls urls) {
        this.outbox = outbox;
        this.identity = identity;
        this.audience = audience;
        this.rows = rows;
        this.settings = settings;
        this.text = text;
        this.urls = urls;
    }

    /** Mails the fresh notifications whose members take that kind at once; the rest wait for the digest. */
    public void instant(List<Written> fresh) {
        if (fresh.isEmpty()) return;
        var prefs = byUser(settings.of(fresh.stream().map(Written::userId).collect(Collectors.toSet())));
        var due = fresh.stream().filter(w -> prefs.containsKey(w.userId()) && "instant".equals(choice(prefs.get(w.userId()), w.kind()))).toList();
        if (due.isEmpty()) return;
        var contacts = contacts(due.stream().map(Written::userId).toList());
        var threads = audience.threadsForVettedRecipients(due.stream().map(Written::threadId).collect(Collectors.toSet()));
        var names = names(due.stream().map(Written::actorId).toList());
        var mailed = new ArrayList<Long>();
        for (var w : due) {
            var contact = contacts.get(w.userId());
            var thread = threads.get(w.threadId());
            if (contact == null || thread == null) continue;
            String summary = text.summary(w.kind(), 1, thread, name(names, w.actorId()), contact.locale());
            String body = text.message("notify.mail.body", contact.locale(), contact.displayName(), summary, link(thread, w.postId()))
                + footer(prefs.get(w.userId()), contact);
            send(contact, summary, body, prefs.get(w.userId()));
            mailed.add(w.id());
        }
        rows.markEmailed(mailed);
    }

    /** One digest for a member: their unread, unmailed notifications of the kinds they take daily, still visible to them. */
    public boolean digest(SettingsRow member) {
        var kinds = new ArrayList<String>();
        if ("daily".equals(member.emailMentions())) kinds.addAll(NotificationRows.MENTION_KINDS);
        if ("daily".equals(member.emailActivity())) kinds.addAll(NotificationRows.ACTIVITY_KINDS);
        var pending = rows.pendingDigest(member.userId(), kinds, DIGEST_ITEMS);
        var contact = contacts(List.of(member.userId())).get(member.userId());
        rows.markEmailed(pending.stream().map(NotificationRow::id).toList());
        if (contact == null) return false;
        var visible = pending.stream().filter(n -> !audience.whoMaySee(n.threadId(), List.of(member.userId())).isEmpty()).toList();
        if (visible.isEmpty()) return false;
        var threads = audience.threadsForVettedRecipients(visible.stream().map(NotificationRow::threadId).collect(Collectors.toSet()));
        var names = names(visible.stream().map(NotificationRow::actorId).toList());
        var lines = new StringBuilder();
        for (var n : visible) {
            var thread = threads.get(n.threadId());
            if (thread == null) continue;
            lines.append("・").append(text.summary(n.kind(), n.count(), thread, name(names, n.actorId()), contact.locale())).append('\n')
                .append("  ").append(link(thread, n.postId())).append("\n\n");
        }
        String subject = text.message("notify.digest.subject", contact.locale(), visible.size());
        String body = text.message("notify.digest.body", contact.locale(), contact.displayName(), lines.toString().stripTrailing())
            + footer(member, contact);
        send(contact, subject, body, member);
        return true;
    }

    private void send(Contact contact, String subject, String body, SettingsRow member) {
        String unsubscribe = urls.of("/unsubscribe/" + member.unsubscribeToken());
        outbox.send(contact.email(), subject, body, Map.of(
            "List-Unsubscribe", "<" + unsubscribe + ">",
            "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }

    private String footer(SettingsRow member, Contact contact) {
        return "\n\n-- \n" + text.message("notify.mail.footer", contact.locale(), urls.of("/notifications/settings"),
            urls.of("/unsubscribe/" + member.unsubscribeToken()));
    }

    private String link(ThreadRef thread, Long postId) {
        return urls.of("/t/" + thread.id() + (postId == null ? "" : "#post-" + postId));
    }

    static String choice(SettingsRow member, String kind) {
        return NotificationRows.MENTION_KINDS.contains(kind) ? member.emailMentions() : member.emailActivity();
    }

    private Map<Long, Contact> contacts(Collection<Long> userIds) {
        return identity.contacts(new HashSet<>(userIds).stream().map(UserId::new).toList()).stream()
            .collect(Collectors.toMap(c -> c.id().value(), Function.identity()));
    }

    private Map<UserId, MemberName> names(Collection<Long> actorIds) {
        return identity.names(actorIds.stream().filter(java.util.Objects::nonNull).distinct().map(UserId::new).toList());
    }

    private static String name(Map<UserId, MemberName> names, Long actorId) {
        if (actorId == null) return null;
        var name = names.get(new UserId(actorId));
        return name == null || name.erased() ? null : name.displayName();
    }

    private static Map<Long, SettingsRow> byUser(List<SettingsRow> list) {
        return list.stream().collect(Collectors.toMap(SettingsRow::userId, Function.identity()));
    }
}
