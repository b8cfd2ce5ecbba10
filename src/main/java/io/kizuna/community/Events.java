package io.kizuna.community;

/** What happened in the community, published after commit for search, notifications and engagement. */
public final class Events {
    private Events() {}

    public record ThreadStarted(long threadId, long spaceId, long authorId) {}

    public record PostPublished(long postId, long threadId, long authorId) {}

    public record PostEdited(long postId, long threadId, long editorId) {}

    public record PostDeleted(long postId, long threadId, long deletedBy) {}

    public record AnswerAccepted(long threadId, long postId, long answerAuthorId, long acceptedBy) {}
}
