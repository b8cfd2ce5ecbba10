package io.kizuna.reviews;

/** Staff featured a member's gallery photo; for engagement to reward its author. */
public record UgcFeatured(long postId, long authorId) {}
