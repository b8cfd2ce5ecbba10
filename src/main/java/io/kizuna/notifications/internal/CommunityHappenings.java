package io.kizuna.notifications.internal;

import io.kizuna.community.Events.AnswerAccepted;
import io.kizuna.community.Events.PostEdited;
import io.kizuna.community.Events.ThreadStarted;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes community events into the notification inbox inside the community's transaction (one statement per event),
 * so a write that rolls back notifies nobody and one that commits is never lost. Starting a thread follows it in that
 * same statement, so the follow shows at once and counts for every later reply whichever node fans it out. A post's
 * publishing is written the same way, but inside the community's own statement: {@link PublishedPosts}.
 */
@Component
class CommunityHappenings {
    private final Inbox inbox;
    private final Fanout fanout;

    CommunityHappenings(Inbox inbox, Fanout fanout) {
        this.inbox = inbox;
        this.fanout = fanout;
    }

    @EventListener
    void on(ThreadStarted e) {
        inbox.addAndFollowThread("thread_started", e.threadId(), e.spaceId(), null, e.authorId(), true, List.of());
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
