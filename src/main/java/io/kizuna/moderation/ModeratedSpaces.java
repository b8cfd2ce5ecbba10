package io.kizuna.moderation;

import java.util.Optional;

/**
 * Implemented by the module that owns spaces (the community), so staff can grant powers per space by its slug while
 * moderation only keeps the space's opaque id (the {@link ReportedContent#spaceId()} of content in it).
 */
public interface ModeratedSpaces {
    Optional<String> idBySlug(String slug);

    /** The slug of a space id, for showing; empty when it is gone. */
    Optional<String> slugById(String spaceId);
}
