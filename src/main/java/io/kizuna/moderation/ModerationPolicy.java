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
 *
 * <p>Delegated powers over community threads are decided here too, from a member's {@link Standing}: ambassadors (the
 * role, a per-space grant, or trust level 4) pin, close off-topic threads and welcome newcomers; trust level 3 retitles
 * and moves threads between public spaces; per-space moderators do all of that in their spaces.
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

    /**
     * What a member has earned or been given: their effective trust level (0-4) and the spaces they moderate or are
     * ambassador of by grant.
     */
    public record Standing(Actor actor, int trustLevel, List<String> moderatedSpaces, List<String> ambassadorSpaces) {
        public boolean moderates(String spaceId) {
            return actor.isStaff() || (spaceId != null && moderatedSpaces.contains(spaceId));
        }
    }

    /** Trust level 4 and the ambassador role are ambassadors everywhere; a grant makes one in its space. */
    public boolean isAmbassador(Standing s, String spaceId) {
        return s.actor().role() == Role.AMBASSADOR || s.trustLevel() >= 4 || (spaceId != null && s.ambassadorSpaces().contains(spaceId));
    }

    public boolean canPin(Standing s, String spaceId) {
        return s.moderates(spaceId) || isAmbassador(s, spaceId);
    }

    /** Closing (locking with the reason off-topic) is an ambassador tool; unlocking stays with moderators. */
    public boolean canCloseOffTopic(Standing s, String spaceId) {
        return s.moderates(spaceId) || isAmbassador(s, spaceId);
    }

    /** Lock and unlock for any reason, set idea statuses: moderators of the space and up. */
    public boolean canLock(Standing s, String spaceId) {
        return s.moderates(spaceId);
    }

    /** Retitling someone else's thread: moderators, and trust level 3 and up in public spaces. */
    public boolean canRetitle(Standing s, String spaceId, boolean publicSpace) {
        return s.moderates(spaceId) || (publicSpace && s.trustLevel() >= 3);
    }

    /** Moving a thread: moderators of both spaces, and trust level 3 and up between public spaces. */
    public boolean canRecategorise(Standing s, String fromSpaceId, boolean fromPublic, String toSpaceId, boolean toPublic) {
        if (s.moderates(fromSpaceId) && s.moderates(toSpaceId)) return true;
        return fromPublic && toPublic && s.trustLevel() >= 3;
    }

    /** Welcoming a newcomer's first post in a space. */
    public boolean canWelcome(Standing s, String spaceId) {
        return s.moderates(spaceId) || isAmbassador(s, spaceId);
    }

    /** The welcome list: anyone who may welcome in some space. */
    public boolean canUseWelcomeList(Standing s) {
        return s.actor().isStaff() || s.actor().role() == Role.AMBASSADOR || s.trustLevel() >= 4 || !s.ambassadorSpaces().isEmpty()
            || !s.moderatedSpaces().isEmpty();
    }

    /**
     * How much a report counts toward holding content pending review ("stronger flags"): 1 up to trust level 2, 2 at
     * level 3, 3 at level 4 and for staff.
     */
    public int reportWeight(Actor actor, int trustLevel) {
        if (actor.isStaff() || trustLevel >= 4) return 3;
        return trustLevel == 3 ? 2 : 1;
    }

    /** Trust details and recomputing: global moderators and up. */
    public boolean canReadTrust(Actor actor) {
        return actor.isStaff();
    }

    public void requireReadTrust(Actor actor) {
        if (!canReadTrust(actor)) throw new ForbiddenException("Only moderators see trust levels.");
    }

    /** Overriding a member's level: global moderators for members, admins for staff accounts; an owner's never. */
    public boolean canOverrideTrust(Actor actor, Role subject) {
        if (!actor.isStaff()) return false;
        return canSanction(actor, subject);
    }

    /** Community health (bias monitor, going quiet): the community manager's view, global moderators and up. */
    public boolean canViewHealth(Actor actor) {
        return actor.isStaff();
    }

    public void requireViewHealth(Actor actor) {
        if (!canViewHealth(actor)) throw new ForbiddenException("Only moderators see community health.");
    }

    /** Reading the settings (options, thresholds, routes): global moderators and up. */
    public void requireReadSettings(Actor actor) {
        if (!actor.isStaff()) throw new ForbiddenException("Only moderators read moderation settings.");
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
