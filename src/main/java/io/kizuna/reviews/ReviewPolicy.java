package io.kizuna.reviews;

import io.kizuna.shared.Actor;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Who may see and do what with reviews: one named rule per action. A review one may not see is a 404. */
@Component
public class ReviewPolicy {

    /** Published reviews are for everyone who may see the product; pending and hidden ones for their author and staff. */
    public boolean canSee(Optional<Actor> actor, long authorId, String status) {
        if ("published".equals(status)) return true;
        if (actor.isEmpty()) return false;
        return actor.get().id().value() == authorId || actor.get().isStaff();
    }

    public boolean canEdit(Actor actor, long authorId) {
        return actor.id().value() == authorId;
    }

    /** Its author, or staff (moderators and up). */
    public boolean canDelete(Actor actor, long authorId) {
        return actor.id().value() == authorId || actor.isStaff();
    }

    /** Helpful votes: any member, never on their own review. */
    public boolean canVoteHelpful(Actor actor, long authorId) {
        return actor.id().value() != authorId;
    }

    /** The brand's public reply and the PR label are staff work. */
    public boolean canReply(Actor actor) {
        return actor.isStaff();
    }

    public boolean canLabel(Actor actor) {
        return actor.isStaff();
    }

    /** Edit history: the author and staff. */
    public boolean canSeeRevisions(Actor actor, long authorId) {
        return actor.id().value() == authorId || actor.isStaff();
    }

    /** Gallery likes: any member, not on their own photo. */
    public boolean canLike(Actor actor, long authorId) {
        return actor.id().value() != authorId;
    }

    /** Staff pick the gallery photos shown on product pages and the home page. */
    public boolean canFeature(Actor actor) {
        return actor.isStaff();
    }
}
