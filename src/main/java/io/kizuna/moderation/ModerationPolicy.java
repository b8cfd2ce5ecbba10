package io.kizuna.moderation;

import io.kizuna.shared.Actor;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.Role;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Who may do what in trust and safety, one named rule per action. "Moderators and up" are global moderators (role
 * moderator, admin, owner), moderators of one space for cases in that space, and the staff of an escalation route for
 * the cases escalated to it; everyone else gets 403 on every moderation endpoint.
 */
@Component
public class ModerationPolicy {

    /** What an actor may moderate: everything, or the cases of some spaces and routes. */
    public record Scope(Actor actor, boolean global, List<String> spaces, List<String> routes) {
        public boolean any() {
            return global || !spaces.isEmpty() || !routes.isEmpty();
        }

        public boolean covers(String spaceId, String route) {
            if (global) return true;
            return (spaceId != null && spaces.contains(spaceId)) || (route != null && routes.contains(route));
        }
    }

    public boolean canUseQueue(Scope scope) {
        return scope.any();
    }

    public void requireQueue(Scope scope) {
        if (!canUseQueue(scope)) throw new ForbiddenException("Only moderators use the moderation queue.");
    }

    /** Acting on a case: its space's or route's moderators, or global ones. */
    public boolean canActOn(Scope scope, String spaceId, String route) {
        return scope.covers(spaceId, route);
    }

    /**
     * Sanctions on staff are for admins: a moderator cannot warn, suspend or ban another moderator or an admin, and
     * nobody sanctions an owner.
     */
    public boolean canSanction(Actor actor, Role subject) {
        if (subject == Role.OWNER) return false;
        if (subject.isStaff()) return actor.isAdmin();
        return true;
    }

    /** An appeal is decided by a different moderator than the one who acted. */
    public boolean canDecideAppeal(Scope scope, String spaceId, String route, long actingModeratorId) {
        return canActOn(scope, spaceId, route) && scope.actor().id().value() != actingModeratorId;
    }

    /** The audit log is read by global moderators and up. */
    public boolean canReadAudit(Actor actor) {
        return actor.isStaff();
    }

    /** Routes, grants, banned words, guidelines: the site's owners and admins. */
    public boolean canConfigure(Actor actor) {
        return actor.isAdmin();
    }

    public void requireConfigure(Actor actor) {
        if (!canConfigure(actor)) throw new ForbiddenException("Only owners and admins change moderation settings.");
    }
}
