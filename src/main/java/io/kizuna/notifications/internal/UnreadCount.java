package io.kizuna.notifications.internal;

import io.kizuna.community.CommunityAudience;
import io.kizuna.identity.IdentityManagement;
import io.kizuna.shared.Actor;
import io.kizuna.shared.UserId;
import java.util.HashSet;
import org.springframework.stereotype.Component;

/**
 * A member's unread count: their unread notifications about threads they may still see, by the same rule as the
 * list ({@link CommunityAudience#threads}), so a thread moved into a private space or hidden leaves the badge when it
 * leaves the list.
 */
@Component
public class UnreadCount {
    /** The badge shows "99+" beyond this. */
    public static final int CAP = 100;
    private final NotificationRows rows;
    private final CommunityAudience audience;
    private final IdentityManagement identity;

    UnreadCount(NotificationRows rows, CommunityAudience audience, IdentityManagement identity) {
        this.rows = rows;
        this.audience = audience;
        this.identity = identity;
    }

    public int of(Actor actor) {
        // twice the cap, so a few notifications about threads gone from sight do not hide the "99+"
        var threadIds = rows.unreadThreadIds(actor.id().value(), 2 * CAP);
        if (threadIds.isEmpty()) return 0;
        var visible = audience.threads(actor, new HashSet<>(threadIds)).keySet();
        return (int) Math.min(CAP, threadIds.stream().filter(visible::contains).count());
    }

    int of(long userId) {
        return identity.actor(new UserId(userId)).map(this::of).orElse(0);
    }
}
