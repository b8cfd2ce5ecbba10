package io.kizuna.moderation.internal;

import io.kizuna.moderation.ModerationPolicy.Scope;
import io.kizuna.shared.Actor;
import java.util.List;
import org.springframework.stereotype.Component;

/** Works out an actor's moderation {@link Scope} from their role, space grants and routes (two small queries). */
@Component
public class Scopes {
    private final Grants grants;

    Scopes(Grants grants) {
        this.grants = grants;
    }

    public Scope of(Actor actor) {
        if (actor.isStaff()) return new Scope(actor, true, List.of(), List.of());
        long id = actor.id().value();
        return new Scope(actor, false, grants.spaces(id, "moderator"), grants.routesOf(id));
    }
}
