package io.kizuna.notifications.internal;

import io.kizuna.community.Events.AnswerAccepted;
import io.kizuna.community.Events.PostEdited;
import io.kizuna.community.Events.PostPublished;
import io.kizuna.community.Events.ThreadStarted;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes community events into the notification inbox inside the community's transaction (one insert per event),
 * so a reply that rolls back notifies nobody and one that commits is never lost. Posting follows the thread in that
 * same transaction: fan-out workers (two per node, more with several nodes) take happenings concurrently, so a follow
 * made only while fanning out an earlier reply could be missed by a worker fanning out the next one.
 */
@Component
class CommunityHappenings {
    private final Inbox inbox;
    private final Follows follows;
    private final Fanout fanout;

    CommunityHappenings(Inbox inbox, Follows follows, Fanout fanout) {
        this.inbox = inbox;
        this.follows = follows;
        this.fanout = fanout;
    }

    @EventListener
    void on(ThreadStarted e) {
        inbox.add("thread_started", e.threadId(), e.spaceId(), null, e.authorId(), null, true, List.of());
        follows.follow(Follows.THREAD, e.threadId(), e.authorId());
        fanout.wakeAfterCommit();
    }

    @EventListener
    void on(PostPublished e) {
        inbox.add("post_published", e.threadId(), null, e.postId(), e.authorId(), null, e.opening(), e.mentionedUserIds());
        follows.follow(Follows.THREAD, e.threadId(), e.authorId());
        fanout.wakeAfterCommit();
    }

    @EventListener
    void on(PostEdited e) {
        if (e.mentionedUserIds().isEmpty()) return;
        inbox.add("post_edited", e.threadId(), null, e.postId(), e.editorId(), null, false, e.mentionedUserIds());
        fanout.wakeAfterCommit();
    }

    @EventListener
    void on(AnswerAccepted e) {
        inbox.add("answer_accepted", e.threadId(), null, e.postId(), e.acceptedBy(), e.answerAuthorId(), false, List.of());
        fanout.wakeAfterCommit();
    }
}
