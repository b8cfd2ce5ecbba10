package io.kizuna.moderation;

import io.kizuna.shared.UserId;
import java.time.Instant;

/**
 * A reportable thing as a moderator sees it. {@code spaceId} is the community space it belongs to (for per-space
 * moderators), or null when it belongs to none.
 */
public record ReportedContent(
        String targetType,
        String targetId,
        UserId author,
        String spaceId,
        String excerpt,
        String url,
        boolean hidden,
        Instant createdAt) {}
