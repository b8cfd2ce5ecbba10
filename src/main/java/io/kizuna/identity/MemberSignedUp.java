package io.kizuna.identity;

import io.kizuna.shared.UserId;

/**
 * A member signed up, with the guidelines version they accepted (null when none). Published in the sign-up
 * transaction, so a listener that refuses the version rolls the sign-up back.
 */
public record MemberSignedUp(UserId member, Integer acceptedGuidelinesVersion) {}
