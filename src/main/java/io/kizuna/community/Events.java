package io.kizuna.community;

/**
 * What happened in the community, published inside the writing transaction: a listener that writes (notifications)
 * commits or rolls back with the content. Search reads the change log instead. A post's publishing is not an event:
 * other modules' writes for it join the statement that stores the post ({@link PostPublishing}).
 */
public final class Events {
    private Events() {}

    public record ThreadStarted(long threadId, long spaceId, long authorId) {}

    /** {@code mentionedUserIds} are all the members the new text mentions (earlier mentions included). */
    public record PostEdited(long postId, long threadId, long editorId, java.util.Set<Long> mentionedUserIds) {}

    public record PostDeleted(long postId, long threadId, long deletedBy) {}

    public record AnswerAccepted(long threadId, long postId, long answerAuthorId, long acceptedBy) {}
}
