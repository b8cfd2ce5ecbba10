package io.kizuna.notifications.internal;

import io.kizuna.community.CommunityAudience;
import io.kizuna.notifications.internal.Inbox.Happening;
import io.kizuna.notifications.internal.NotificationRows.ActivityCount;
import io.kizuna.notifications.internal.NotificationRows.Personal;
import io.kizuna.notifications.internal.NotificationRows.Written;
import io.kizuna.platform.Wakeup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns community happenings into notifications. It takes a batch from the inbox, works out in memory, in order,
 * who hears about each (followers and mentioned members who may still see the thread; posting follows), then
 * writes the whole batch in a few statements: new follows, notifications (unread replies in a thread collapse
 * into one), instant mail, and the unread-count announcement — one transaction. Woken right after a happening
 * commits, and every {@code kizuna.notifications.poll-interval-ms} in case another node wrote it.
 */
@Component
public class Fanout {
    private static final Logger log = LoggerFactory.getLogger(Fanout.class);
    private static final int BATCH = 500;

    private final Inbox inbox;
    private final Follows follows;
    private final NotificationRows rows;
    private final SettingsRows settings;
    private final CommunityAudience audience;
    private final NotificationMails mails;
    private final LiveUnread live;
    private final TransactionTemplate tx;
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
        if (batch.isEmpty()) return 0;
        var threadIds = ids(batch, Happening::threadId);
        var plan = new Plan(audience.forThreads(threadIds), follows.followersOf(Follows.THREAD, threadIds),
            follows.followersOf(Follows.SPACE, ids(batch, Happening::spaceId)));
        for (var h : batch) {
            try {
                plan.add(h);
            } catch (RuntimeException e) {
                // one bad happening must not hold up everyone else's notifications: it is dropped, and said so
                log.warn("Could not fan out {} {} of thread {}; dropped: {}", h.kind(), h.id(), h.threadId(), e.getMessage());
            }
        }
        follows.followAll(Follows.THREAD, plan.newFollows);
        var written = new ArrayList<Written>();
        written.addAll(rows.activity(plan.activity.values()));
        written.addAll(rows.personal(plan.personal));
        var recipients = new LinkedHashSet<Long>();
        written.forEach(w -> recipients.add(w.userId()));
        settings.ensure(recipients);
        mails.instant(written.stream().filter(Written::fresh).toList());
        live.announce(recipients);
        return batch.size();
    }

    private static Set<Long> ids(List<Happening> batch, java.util.function.Function<Happening, Long> id) {
        var result = new HashSet<Long>();
        batch.forEach(h -> {
            var v = id.apply(h);
            if (v != null) result.add(v);
        });
        return result;
    }

    /** What one batch writes, worked out happening by happening so that earlier ones (a new follower) count for later ones. */
    private static final class Plan {
        final CommunityAudience.ThreadAudience audience;
        final Map<Long, Set<Long>> threadFollowers;
        final Map<Long, Set<Long>> spaceFollowers;
        final Map<Long, Set<Long>> newFollows = new LinkedHashMap<>();
        final Map<String, ActivityCount> activity = new LinkedHashMap<>();
        final List<Personal> personal = new ArrayList<>();

        Plan(CommunityAudience.ThreadAudience audience, Map<Long, Set<Long>> threadFollowers, Map<Long, Set<Long>> spaceFollowers) {
            this.audience = audience;
            this.threadFollowers = new HashMap<>(threadFollowers);
            this.spaceFollowers = spaceFollowers;
        }

        void add(Happening h) {
            switch (h.kind()) {
                case "thread_started" -> {
                    follow(h.threadId(), h.actorId());
                    activity("new_thread", h, others(spaceFollowers.getOrDefault(h.spaceId(), Set.of()), h.actorId()));
                }
                case "post_published" -> {
                    var mentioned = mention(h);
                    if (!h.opening()) {
                        var followers = others(threadFollowers.getOrDefault(h.threadId(), Set.of()), h.actorId());
                        followers.removeAll(mentioned); // the mention says more than "a reply"
                        activity("reply", h, followers);
                    }
                    follow(h.threadId(), h.actorId());
                }
                case "post_edited" -> mention(h);
                case "answer_accepted" -> {
                    if (h.subjectId() != null && h.subjectId() != h.actorId()) personal("accepted", h, List.of(h.subjectId()));
                }
                default -> log.warn("Unknown happening {} in the notification inbox; skipped", h.kind());
            }
        }

        private void follow(long threadId, long userId) {
            if (threadFollowers.computeIfAbsent(threadId, k -> new HashSet<>()).add(userId)) {
                newFollows.computeIfAbsent(threadId, k -> new LinkedHashSet<>()).add(userId);
            }
        }

        private Set<Long> mention(Happening h) {
            var mentioned = others(h.mentioned(), h.actorId());
            return mentioned.isEmpty() ? Set.of() : personal("mention", h, mentioned);
        }

        private Set<Long> personal(String kind, Happening h, Collection<Long> candidates) {
            var visible = audience.whoMaySee(h.threadId(), candidates);
            visible.forEach(u -> personal.add(new Personal(u, kind, h.threadId(), h.postId(), h.actorId())));
            return visible;
        }

        /** Replies and new threads: one unread notification per member and thread in the batch too, counting up. */
        private void activity(String kind, Happening h, Collection<Long> candidates) {
            if (candidates.isEmpty()) return;
            for (long user : audience.whoMaySee(h.threadId(), candidates)) {
                activity.merge(user + ":" + h.threadId() + ":" + kind, new ActivityCount(user, kind, h.threadId(), h.postId(), h.actorId(), 1),
                    (earlier, later) -> new ActivityCount(user, kind, h.threadId(), later.postId(), later.actorId(), earlier.count() + 1));
            }
        }

        private static Set<Long> others(Collection<Long> ids, long actorId) {
            var result = new HashSet<>(ids);
            result.remove(actorId);
            return result;
        }
    }
}
