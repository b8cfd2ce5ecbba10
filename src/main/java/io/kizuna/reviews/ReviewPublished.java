package io.kizuna.reviews;

/** A review became visible on its product page (written, or released by a moderator); for engagement to reward. */
public record ReviewPublished(long reviewId, long productId, long authorId) {}
