package io.kizuna.notifications.internal;

import io.kizuna.community.PostPublishing;
import org.springframework.stereotype.Component;

/**
 * A published post's inbox row, and its author following the thread, written by the community's statement that
 * stores the post: the reply and its notification commit together (or neither does), and the follow counts for every
 * later reply whichever node fans it out.
 */
@Component
class PublishedPosts implements PostPublishing {
    private final Fanout fanout;

    PublishedPosts(Fanout fanout) {
        this.fanout = fanout;
    }

    @Override
    public String ctes() {
        return Inbox.PUBLISHED_CTES;
    }

    @Override
    public void stored() {
        fanout.wakeAfterCommit();
    }
}
