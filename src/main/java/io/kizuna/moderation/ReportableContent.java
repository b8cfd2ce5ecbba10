package io.kizuna.moderation;

import io.kizuna.shared.Actor;
import java.util.Optional;

/**
 * Implemented by each module whose content members can report (threads, posts, reviews, chat messages, …).
 * The owning module keeps the content and its hidden state; moderation only asks and tells.
 */
public interface ReportableContent {

    /** The {@code targetType} of {@code POST /reports} this handles, e.g. {@code "post"}. */
    String targetType();

    /** What a moderator sees, whatever its visibility; empty when there is no such target. */
    Optional<ReportedContent> find(String targetId);

    /** Whether {@code actor} may see the target at all (a reporter can only report what they can see). */
    boolean canSee(String targetId, Actor actor);

    /** Hides it from everyone but its author (who is shown {@code reason}) and staff. */
    void hide(String targetId, String reason);

    /** Undoes {@link #hide} and {@link #holdForReview}. */
    void restore(String targetId);

    /**
     * Takes published content out of view pending a moderator's review because weighted community flags reached the
     * threshold; its author sees it as pending review. By default the same as {@link #hide} with that reason.
     */
    default void holdForReview(String targetId) {
        hide(targetId, "pending review");
    }
}
