package io.kizuna.identity;

import io.kizuna.shared.Actor;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.Role;
import org.springframework.stereotype.Component;

/** Who may change whose role: named rules, checked in one place. */
@Component
public class IdentityPolicy {

    /**
     * Owners may set any role. Admins may set moderator, ambassador or member on members who are not owners or admins.
     * Nobody else may change roles.
     */
    public boolean canChangeRole(Actor actor, Role targetCurrent, Role newRole) {
        if (actor.role() == Role.OWNER) return true;
        if (actor.role() != Role.ADMIN) return false;
        if (targetCurrent.isAdmin()) return false;
        return !newRole.isAdmin();
    }

    public void requireCanChangeRole(Actor actor, Role targetCurrent, Role newRole) {
        if (!canChangeRole(actor, targetCurrent, newRole)) {
            throw new ForbiddenException("Only owners and admins may change roles, and admins cannot grant or change owner or admin.");
        }
    }

    public void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) throw new ForbiddenException("Only owners and admins may do this.");
    }
}
