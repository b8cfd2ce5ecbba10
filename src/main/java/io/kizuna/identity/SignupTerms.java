package io.kizuna.identity;

import java.util.Optional;

/**
 * The terms a new member accepts at sign-up, offered by the module that keeps the community guidelines, so the
 * sign-up page can ask for acceptance without identity depending on that module.
 */
public interface SignupTerms {

    /** The current guidelines version to accept; empty while none is published. */
    Optional<Integer> currentVersion();
}
