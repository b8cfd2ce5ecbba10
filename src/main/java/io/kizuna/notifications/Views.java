package io.kizuna.notifications;

import io.kizuna.community.Views.ThreadRef;
import java.time.OffsetDateTime;

/** What the notification API and pages show. */
public final class Views {
    private Views() {}

    /** Who caused a notification; {@code displayName} is null for a member who left. */
    public record Actor(String id, String displayName) {}

    /**
     * One notification. {@code kind}: reply, new_thread, mention, accepted. Unread replies in one thread collapse
     * into one notification whose {@code count} grows and whose {@code postId} is the latest reply.
     */
    public record NotificationView(String id, String kind, ThreadRef thread, String postId, Actor actor, int count, boolean read,
                                   OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

    /**
     * Mail settings: {@code emailMentions} covers @mentions and accepted answers, {@code emailActivity} replies and new
     * threads in what the member follows; each is {@code instant}, {@code daily} (a digest) or {@code off}.
     */
    public record Settings(String emailMentions, String emailActivity) {}

    public record Following(boolean following) {}
}
