package io.kizuna.moderation;

import io.kizuna.shared.UserId;

/** A member's effective trust level moved (recomputed from activity, or a staff override). */
public record TrustLevelChanged(UserId member, int from, int to) {}
