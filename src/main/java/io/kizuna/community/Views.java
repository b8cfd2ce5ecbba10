package io.kizuna.community;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Read models the API and the pages show. */
public final class Views {
    private Views() {}

    /** An author as shown beside content; {@code displayName} is null for a member who deleted their account. */
    public record Author(String id, String displayName) {}

    public record SpaceView(String slug, String name, String description, String visibility, OffsetDateTime createdAt) {}

    /**
     * {@code moderation} is null, {@code hidden}, {@code held} (pending review) or {@code flagged} (pending review after
     * community flags); only the author and staff ever see a thread or post that is not null here, with
     * {@code moderationReason} telling the author why. {@code closedReason} is {@code off_topic} for a thread an
     * ambassador closed as off-topic.
     */
    public record ThreadView(String id, String spaceSlug, String spaceName, String title, String kind, String status,
                             String statusComment, Author author, String acceptedPostId, int postCount, int voteCount,
                             boolean viewerVoted, boolean locked, boolean pinned, boolean hasPoll, OffsetDateTime createdAt,
                             OffsetDateTime lastActivityAt, String moderation, String moderationReason, String closedReason) {}

    /** Enough of a thread to name and link it (notifications, feeds). */
    public record ThreadRef(String id, String title, String spaceSlug, String spaceName) {}

    public record PostView(String id, String threadId, String body, String bodyHtml, Author author, String replyToPostId,
                           boolean deleted, Map<String, Integer> reactions, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                           String moderation, String moderationReason) {}

    /**
     * A thread's poll. Counts ({@code votes}, {@code percent}, {@code voters}) are null until the viewer has voted or
     * the poll has closed, so early results do not steer the vote.
     */
    public record PollView(String threadId, String question, boolean multiple, OffsetDateTime closesAt, boolean closed,
                           boolean resultsVisible, Integer voters, List<String> viewerChoices, List<PollOption> options) {}

    public record PollOption(String id, String label, Integer votes, Integer percent) {}
}
