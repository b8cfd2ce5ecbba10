package io.kizuna.live;

import io.kizuna.live.internal.Shows;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.store.Checkout;
import io.kizuna.store.OrderManagement;
import io.kizuna.store.OrderManagement.NewOrder;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Buying in the show: the store's own checkout (prices, stock, the 特定商取引法 confirmation figures, Idempotency-Key)
 * for the show's products, with the order's source set to the show so the report counts it. Open while the show is
 * live and on its replay.
 */
@Service
public class LiveShopping {
    private final LiveManagement live;
    private final Shows shows;
    private final Checkout checkout;
    private final OrderManagement orders;

    LiveShopping(LiveManagement live, Shows shows, Checkout checkout, OrderManagement orders) {
        this.live = live;
        this.shows = shows;
        this.checkout = checkout;
        this.orders = orders;
    }

    /** The final confirmation figures for an order from the show; nothing is written. */
    public Checkout.Quote quote(Actor actor, String showId, NewOrder form) {
        return checkout.quote(actor, checked(actor, showId, form));
    }

    public OrderManagement.Placed place(Actor actor, String showId, NewOrder form, String idempotencyKey) {
        return orders.place(actor, checked(actor, showId, form), idempotencyKey);
    }

    private NewOrder checked(Actor actor, String showId, NewOrder form) {
        var show = live.require(Optional.of(actor), showId);
        if (show.state().equals("scheduled")) throw new ConflictException("show-not-started", "The show has not started yet.");
        var skus = shows.skus(show.id());
        if (form.items() != null) {
            for (var item : form.items()) {
                if (item != null && item.sku() != null && !skus.contains(item.sku())) {
                    throw new RuleRefusedException("sku-not-in-show", "Only the show's own products can be bought here.");
                }
            }
        }
        return form.from("live:" + show.id());
    }
}
