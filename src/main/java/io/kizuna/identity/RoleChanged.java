package io.kizuna.identity;

import io.kizuna.shared.Role;
import io.kizuna.shared.UserId;

/** An owner or admin changed a member's role; kept for the audit log. */
public record RoleChanged(UserId member, Role from, Role to, UserId changedBy) {}
