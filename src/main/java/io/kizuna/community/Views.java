package io.kizuna.community;

import java.time.OffsetDateTime;
import java.util.Map;

/** Read models the API and the pages show. */
public final class Views {
    private Views() {}

    /** An author as shown beside content; {@code displayName} is null for a member who deleted their account. */
    public record Author(String id, String displayName) {}

    public record SpaceView(String slug, String name, String description, String visibility, OffsetDateTime createdAt) {}

    public record ThreadView(String id, String spaceSlug, String spaceName, String title, String kind, String status,
                             String statusComment, Author author, String acceptedPostId, int postCount, int voteCount,
                             boolean viewerVoted, boolean locked, boolean pinned, OffsetDateTime createdAt,
                             OffsetDateTime lastActivityAt) {}

    public record PostView(String id, String threadId, String body, String bodyHtml, Author author, String replyToPostId,
                           boolean deleted, Map<String, Integer> reactions, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
}
