package io.kizuna.reviews;

/** The best answer of a product question was chosen; for engagement to reward its author. */
public record QaAnswerAccepted(long threadId, long productId, long postId, long answerAuthorId) {}
