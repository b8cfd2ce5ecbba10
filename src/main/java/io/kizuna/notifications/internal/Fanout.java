package io.kizuna.notifications.internal;

import io.kizuna.community.CommunityAudience;
import io.kizuna.notifications.internal.Inbox.Happening;
import io.kizuna.notifications.internal.NotificationRows.Written;
import io.kizuna.platform.Wakeup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns community happenings into notifications: takes a batch from the inbox, works out who hears about each
 * (followers and mentioned members who may still see the thread), writes the notifications, queues instant mail
 * and announces the new unread counts, all in one transaction. Woken right after a happening commits, and every
 * {@code kizuna.notifications.poll-interval-ms} in case another node wrote it.
 */
@Component
public class Fanout {
    private static final Logger log = LoggerFactory.getLogger(Fanout.class);
    private static final int BATCH = 200;

    private final Inbox inbox;
    private final Follows follows;
    private final NotificationRows rows;
    private final SettingsRows settings;
    private final CommunityAudience audience;
    private final NotificationMails mails;
    private final LiveUnread live;
    private final TransactionTemplate tx;
    private final TransactionTemplate savepoint;
    private final Wakeup wakeup = new Wakeup("notification-fanout", this::drain);

    Fanout(Inbox inbox, Follows follows, NotificationRows rows, SettingsRows settings, CommunityAudience audience,
           NotificationMails mails, LiveUnread live, TransactionTemplate tx) {
        this.inbox = inbox;
        this.follows = follows;
        this.rows = rows;
        this.settings = settings;
        this.audience = audience;
        this.mails = mails;
        this.live = live;
        this.tx = tx;
        this.savepoint = new TransactionTemplate(tx.getTransactionManager());
        this.savepoint.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Runs the fan-out soon after the caller's transaction commits. */
    public void wakeAfterCommit() {
        wakeup.afterCommit();
    }

    @Scheduled(fixedDelayString = "${kizuna.notifications.poll-interval-ms:500}")
    public void drain() {
        try {
            Integer taken;
            do {
                taken = tx.execute(status -> fanOut(inbox.take(BATCH)));
            } while (taken != null && taken == BATCH);
        } catch (RuntimeException e) {
            log.warn("Notification fan-out failed; the happenings stay in the inbox for the next run: {}", e.getMessage());
        }
    }

    private int fanOut(List<Happening> batch) {
        var written = new ArrayList<Written>();
        for (var h : batch) {
            try {
                written.addAll(savepoint.execute(status -> notificationsFor(h)));
            } catch (RuntimeException e) {
                // one bad happening must not hold up everyone else's notifications: it is dropped, and said so
                log.warn("Could not fan out {} {} of thread {}; dropped: {}", h.kind(), h.id(), h.threadId(), e.getMessage());
            }
        }
        var recipients = new LinkedHashSet<Long>();
        written.forEach(w -> recipients.add(w.userId()));
        settings.ensure(recipients);
        mails.instant(written.stream().filter(Written::fresh).toList());
        live.announce(recipients);
        return batch.size();
    }

    private List<Written> notificationsFor(Happening h) {
        var result = new ArrayList<Written>();
        switch (h.kind()) {
            case "thread_started" -> {
                follows.follow(Follows.THREAD, h.threadId(), h.actorId());
                var audienceOfSpace = others(follows.followers(Follows.SPACE, h.spaceId()), h.actorId());
                result.addAll(rows.activity("new_thread", h.threadId(), h.postId(), h.actorId(), audience.whoMaySee(h.threadId(), audienceOfSpace)));
            }
            case "post_published" -> {
                follows.follow(Follows.THREAD, h.threadId(), h.actorId());
                var mentioned = mentions(h);
                result.addAll(mentioned);
                if (!h.opening()) {
                    var followers = others(follows.followers(Follows.THREAD, h.threadId()), h.actorId());
                    mentioned.forEach(m -> followers.remove(m.userId())); // the mention says more than "a reply"
                    result.addAll(rows.activity("reply", h.threadId(), h.postId(), h.actorId(), audience.whoMaySee(h.threadId(), followers)));
                }
            }
            case "post_edited" -> result.addAll(mentions(h));
            case "answer_accepted" -> {
                if (h.subjectId() != null && h.subjectId() != h.actorId()) {
                    result.addAll(rows.personal("accepted", h.threadId(), h.postId(), h.actorId(), audience.whoMaySee(h.threadId(), List.of(h.subjectId()))));
                }
            }
            default -> log.warn("Unknown happening {} in the notification inbox; skipped", h.kind());
        }
        return result;
    }

    private List<Written> mentions(Happening h) {
        var mentioned = others(h.mentioned(), h.actorId());
        if (mentioned.isEmpty()) return List.of();
        return rows.personal("mention", h.threadId(), h.postId(), h.actorId(), audience.whoMaySee(h.threadId(), mentioned));
    }

    private static Set<Long> others(java.util.Collection<Long> ids, long actorId) {
        var result = new HashSet<>(ids);
        result.remove(actorId);
        return result;
    }
}
