package io.kizuna.store;

import io.kizuna.shared.Actor;
import io.kizuna.shared.UserId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Who may see and do what in the store: one named rule per action. What an actor may not see is a 404. */
@Component
public class StorePolicy {

    /** Members-only products are for signed-in members; inactive ones for admins only. */
    public boolean canSeeProduct(Optional<Actor> actor, String visibility, boolean active) {
        if (!active) return actor.isPresent() && actor.get().isAdmin();
        return !"members".equals(visibility) || actor.isPresent();
    }

    /** The catalog, coupons and shop settings are run by owners and admins. */
    public boolean canManageCatalog(Actor actor) {
        return actor.isAdmin();
    }

    public boolean canEditSettings(Actor actor) {
        return actor.isAdmin();
    }

    /** Staff (moderators and up) handle orders: confirm payments, ship, deliver, cancel, refund. */
    public boolean canHandleOrders(Actor actor) {
        return actor.isStaff();
    }

    public boolean canSeeOrder(Actor actor, UserId buyer) {
        if (canHandleOrders(actor)) return true;
        return actor.id().equals(buyer);
    }

    /** The buyer may cancel until the order ships; staff whenever the status allows it. */
    public boolean canCancel(Actor actor, UserId buyer, OrderStatus status) {
        if (canHandleOrders(actor)) return true;
        return actor.id().equals(buyer) && status.holdsStock();
    }
}
