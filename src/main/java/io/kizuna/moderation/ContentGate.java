package io.kizuna.moderation;

import io.kizuna.shared.Actor;

/**
 * The one question every writing path asks before it stores a member's words (posts, reviews, live chat, …).
 * Reading and buying never go through it.
 */
public interface ContentGate {

    /** The detail of a banned-word refusal whose word has no moderator's message: pages show their own text instead. */
    String BANNED_WORD = "This text contains a word that is not allowed here.";

    /**
     * Refuses a member who may not write right now (suspended, banned, or owing acceptance of the current
     * guidelines) with a {@link io.kizuna.shared.ForbiddenException} whose detail says why.
     */
    void requireMayWrite(Actor actor, Surface surface);

    /**
     * Screens text a member is about to publish: banned words (refuse with a
     * {@link io.kizuna.shared.RuleRefusedException}, or hold), link limits for new members, duplicates and flooding
     * ({@link io.kizuna.shared.RateLimitedException}). Includes {@link #requireMayWrite}.
     */
    Screening screen(Actor actor, Surface surface, String text);

    /**
     * Tells the gate that text it {@link #screen screened} was not stored after all (the write was refused later, say
     * for a thread the member may not see): the same text written again soon is then not taken for a duplicate. The
     * write still counts against the member's rate.
     */
    default void notStored(Actor actor, String text) {}

    /**
     * Opens a review case for content that {@link #screen} told to {@link Screening#HOLD}, once it is stored and has
     * its id; {@code targetType} is the one its {@link ReportableContent} handles.
     */
    default void held(String targetType, String targetId) {}

    /** Where the words are going; limits and word lists may differ per surface. */
    enum Surface { COMMUNITY, REVIEW, PRODUCT_QA, UGC, LIVE_CHAT }

    /** What to do with screened text. */
    enum Screening {
        /** Publish it. */
        PUBLISH,
        /** Store it but show it to its author (as pending review) and staff only, and open a case. */
        HOLD
    }
}
