package io.kizuna.moderation;

import java.util.Collection;
import java.util.Map;

/**
 * Implemented by modules whose activity earns trust (the community: posts read, posts made, likes received), so trust
 * levels are computed without moderation reading their tables. Every implementation's figures are added up.
 */
public interface TrustSignals {

    /** A member's activity as one module counts it. */
    record Signals(long postsRead, long postsMade, long likesReceived) {
        public static final Signals NONE = new Signals(0, 0, 0);

        public Signals plus(Signals other) {
            return new Signals(postsRead + other.postsRead, postsMade + other.postsMade, likesReceived + other.likesReceived);
        }
    }

    /** The figures of these members (members with nothing may be left out); one query per figure, not per member. */
    Map<Long, Signals> signals(Collection<Long> memberIds);

    /** Writes out what is held in memory (batched reads) before a recount that must see it. */
    default void flush() {}
}
