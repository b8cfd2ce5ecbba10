package io.kizuna.live.internal;

import io.kizuna.store.OrderPlaced;
import io.kizuna.store.OrderStatus;
import io.kizuna.store.OrderStatusChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Follows the store's orders inside their transaction: an order whose source is {@code live:<id>} of an existing show
 * is attributed to it (a made-up source attributes nothing), and a cancelled or refunded one stops counting.
 */
@Component
class OrderAttribution {
    private final JdbcClient jdbc;

    OrderAttribution(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(OrderPlaced e) {
        if (e.source() == null || !e.source().startsWith("live:")) return;
        long show;
        try {
            show = Long.parseLong(e.source().substring(5));
        } catch (NumberFormatException notOurs) {
            return;
        }
        jdbc.sql("""
                insert into live_orders (order_id, session_id, buyer_id, total, during_live)
                select :o, id, :b, :t, state = 'live' from live_sessions where id = :s on conflict do nothing""")
            .param("o", e.orderId()).param("b", e.buyerId()).param("t", e.total()).param("s", show).update();
    }

    @EventListener
    void on(OrderStatusChanged e) {
        if (e.status() != OrderStatus.CANCELLED && e.status() != OrderStatus.REFUNDED) return;
        jdbc.sql("update live_orders set cancelled = true where order_id = :o").param("o", e.orderId()).update();
    }
}
