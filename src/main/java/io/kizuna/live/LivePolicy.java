package io.kizuna.live;

import io.kizuna.shared.Actor;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who may see and do what in live shows: one named rule per action, checked by every use case. A show one may not see
 * is a 404. Staff are moderators and up; they host.
 */
@Component
public class LivePolicy {

    /** Public shows are for everyone, anonymous visitors included; members-only shows for signed-in members. */
    public boolean canSee(Optional<Actor> actor, String visibility) {
        return !"members".equals(visibility) || actor.isPresent();
    }

    /** Creating, starting, ending, pinning, slow mode: the host's work. */
    public boolean canHost(Actor actor) {
        return actor.isStaff();
    }

    /** Posting needs a member who is not muted in this show (suspension and bans are the content gate's to refuse). */
    public boolean canPost(Actor actor, boolean muted) {
        return !muted || actor.isStaff();
    }

    /** Staff post as often as they like; members wait out slow mode. */
    public boolean skipsSlowMode(Actor actor) {
        return actor.isStaff();
    }

    /** A message goes for everyone when staff delete it; a member may take back their own. */
    public boolean canDelete(Actor actor, long authorId) {
        return actor.isStaff() || actor.id().value() == authorId;
    }

    public boolean canMute(Actor actor) {
        return actor.isStaff();
    }

    /** The host marks questions answered. */
    public boolean canMarkAnswered(Actor actor) {
        return actor.isStaff();
    }

    /** Held messages (awaiting moderation) are for their author and staff. */
    public boolean canSeeHeld(Optional<Actor> actor, long authorId) {
        return actor.isPresent() && (actor.get().isStaff() || actor.get().id().value() == authorId);
    }

    /** The post-show report is business data: staff only. */
    public boolean canSeeReport(Actor actor) {
        return actor.isStaff();
    }
}
