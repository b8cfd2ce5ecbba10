package io.kizuna.store;

import io.kizuna.platform.IdempotencyKeys;
import io.kizuna.shared.Actor;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.ForbiddenException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.Page;
import io.kizuna.shared.PageRequest;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.shared.UserId;
import io.kizuna.store.Views.Address;
import io.kizuna.store.Views.OrderView;
import io.kizuna.store.internal.MemberQueue;
import io.kizuna.store.internal.OrderMails;
import io.kizuna.store.internal.Orders;
import io.kizuna.store.internal.Orders.ItemRow;
import io.kizuna.store.internal.Orders.OrderRow;
import io.kizuna.store.internal.Products;
import io.kizuna.store.internal.Settings;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders: place (prices from the catalog, stock taken atomically, idempotent by key), read, cancel, and the staff
 * steps (confirm payment, ship, deliver, refund). Every step mails the buyer in the same transaction.
 */
@Service
public class OrderManagement {
    /**
     * {@code source} optionally says where the order was placed from, as {@code kind:id} (a live show: {@code live:12});
     * it is stored on the order and carried by {@link OrderPlaced}, so the module named there can attribute it.
     */
    public record NewOrder(List<NewItem> items, String paymentMethod, AddressForm shippingAddress, String couponCode, String source) {
        public NewOrder(List<NewItem> items, String paymentMethod, AddressForm shippingAddress, String couponCode) {
            this(items, paymentMethod, shippingAddress, couponCode, null);
        }

        /** The same order placed from {@code source}. */
        public NewOrder from(String source) {
            return new NewOrder(items, paymentMethod, shippingAddress, couponCode, source);
        }
    }

    /** {@code quantity} is a whole number from 1 to 999; fractions are refused, never rounded. */
    public record NewItem(String sku, BigDecimal quantity) {}

    public record AddressForm(String name, String postalCode, String prefecture, String city, String line1, String line2, String phone) {}

    /** The answer to a placement: 201 with the new order, or the stored answer of an earlier request with the same key. */
    public record Placed(int status, OrderView order) {}

    private final Orders orders;
    private final Products products;
    private final Settings settings;
    private final OrderMails mails;
    private final StorePolicy policy;
    private final IdempotencyKeys idempotency;
    private final JsonMapper json;
    private final Checkout checkout;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final MemberQueue members;
    private final TransactionTemplate transaction;
    private final TransactionTemplate oneConnection;

    OrderManagement(Orders orders, Products products, Settings settings, OrderMails mails, StorePolicy policy,
                    IdempotencyKeys idempotency, JsonMapper json, Checkout checkout,
                    org.springframework.context.ApplicationEventPublisher events, MemberQueue members,
                    PlatformTransactionManager transactions) {
        this.events = events;
        this.members = members;
        this.transaction = new TransactionTemplate(transactions);
        this.oneConnection = new TransactionTemplate(transactions);
        oneConnection.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_SUPPORTS);
        this.orders = orders;
        this.products = products;
        this.settings = settings;
        this.mails = mails;
        this.policy = policy;
        this.idempotency = idempotency;
        this.json = json;
        this.checkout = checkout;
    }

    /**
     * Places an order for the signed-in member. With an {@code Idempotency-Key}, a repeat of the same body answers
     * as the first request did and changes nothing; the same key with another body is a 422. One member's orders are
     * placed one at a time on this node ({@link MemberQueue}): most in one autocommitted statement (see
     * {@link #mayFitOneStatement}), the rest in a transaction.
     */
    public Placed place(Actor actor, NewOrder form, String idempotencyKey) {
        return members.oneAtATime(actor.id(), () -> {
            if (idempotencyKey == null && mayFitOneStatement(form)) {
                // no transaction, but one connection for every statement (SUPPORTS binds it for this scope) when the
                // catalog or an id block must be read first: taking a second from the pool queues behind every waiting
                // request, which cost more than the round trips saved
                var placed = oneConnection.execute(status -> placeInOneStatement(actor, form));
                if (placed.isPresent()) return placed.get();
            }
            return transaction.execute(status -> placeInTransaction(actor, form, idempotencyKey));
        });
    }

    /**
     * One line, no coupon and no live show to credit: most orders, and every order of a limited drop. Such an order
     * is priced from this node's cache of the catalog and written in one autocommitted statement that checks the
     * cached facts still hold (one round trip, not four), and its row locks last only while that statement runs. An
     * Idempotency-Key needs its claim in the order's transaction.
     */
    private static boolean mayFitOneStatement(NewOrder form) {
        return form.items() != null && form.items().size() == 1 && (form.couponCode() == null || form.couponCode().isBlank())
            && form.source() == null;
    }

    /**
     * Empty when this order needs the transaction after all: the catalog changed since this node cached what the
     * order was priced on (the transaction prices it afresh), or no single stock slot has enough.
     */
    private Optional<Placed> placeInOneStatement(Actor actor, NewOrder form) {
        var priced = checkout.priceFromCache(actor, form);
        var order = prepare(actor, form, priced);
        var limit = limitOf(priced);
        var item = order.items().getFirst();
        switch (orders.placeOneLine(order.id(), order.row(), item, limit, priced.pricedFacts().getFirst(), mails.queued("placed", order.view()))) {
            case LIMIT_REACHED -> throw Checkout.limitReached(limit);
            case OUT_OF_STOCK -> {
                checkout.forget(item.sku()); // the cached stock said there was enough: read it afresh, so the next order is answered early
                throw Checkout.outOfStock(item.sku());
            }
            case FACTS_CHANGED -> {
                checkout.forget(item.sku());
                return Optional.empty();
            }
            case NO_FREE_SLOT -> {
                return Optional.empty();
            }
            case TAKEN -> { }
        }
        announce(order, form);
        return Optional.of(new Placed(201, order.view()));
    }

    private Placed placeInTransaction(Actor actor, NewOrder form, String idempotencyKey) {
        String scope = "store-order:" + actor.id();
        if (idempotencyKey != null) {
            var replay = idempotency.claim(scope, idempotencyKey, json.writeValueAsString(form));
            if (replay.isPresent()) return new Placed(replay.get().status(), json.readValue(replay.get().body(), OrderView.class));
        }
        var order = placeNow(actor, form);
        if (idempotencyKey != null) idempotency.complete(scope, idempotencyKey, 201, json.writeValueAsString(order));
        return new Placed(201, order);
    }

    /**
     * Stores the order and takes what it holds. The mail is written first (the id is known from pricing), so the stock
     * slot, the row every buyer of a drop contends for, is locked by the transaction's last statement and held only
     * until the commit. A one-line order without a coupon (most orders, every drop order) is stored, counted against
     * the buyer's limit and takes its stock in one statement; other orders take coupon, limits and stock one by one.
     */
    private OrderView placeNow(Actor actor, NewOrder form) {
        var priced = checkout.price(actor, form);
        var order = prepare(actor, form, priced);
        var items = order.items();
        mails.send("placed", order.view());
        if (items.size() == 1 && priced.couponId() == null) {
            var limit = limitOf(priced);
            switch (orders.insertTakingStock(order.id(), order.row(), items.getFirst(), limit)) {
                case LIMIT_REACHED -> throw Checkout.limitReached(limit);
                case NO_FREE_SLOT -> takeOrRefuse(items.getFirst()); // every slot with enough is held by another order: wait for one
                case TAKEN -> { }
            }
        } else {
            orders.insert(order.id(), order.row(), items);
            checkout.hold(actor, order.id(), priced);
            for (var item : items.stream().sorted(Comparator.comparing(ItemRow::sku)).toList()) takeOrRefuse(item);
        }
        announce(order, form);
        return order.view();
    }

    /** An order ready to store: its rows, and the view its buyer gets back and its mail shows. */
    private record Prepared(long id, Orders.NewOrder row, List<ItemRow> items, OrderView view) {}

    private Prepared prepare(Actor actor, NewOrder form, Checkout.Priced priced) {
        long id = orders.newId();
        var now = OffsetDateTime.now();
        var start = priced.provider().start(priced.totals().total(), now, priced.settings().paymentDays());
        var row = new Orders.NewOrder(actor.id().value(), form.paymentMethod(), priced.totals(), priced.address(), priced.couponId(),
            priced.couponCode(), start.reference(), start.dueAt(), form.source());
        var items = priced.items().stream().map(i -> new ItemRow(id, i.line(), i.productId(), i.variantId(), i.sku(), i.productName(),
            i.variantName(), i.quantity(), i.unitPrice(), i.taxRate())).toList();
        var view = Orders.view(new OrderRow(id, actor.id().value(), OrderStatus.PENDING_PAYMENT, form.paymentMethod(), priced.totals().subtotal(),
            priced.totals().discount(), priced.totals().shipping(), priced.totals().fee(), priced.totals().total(), priced.address(),
            priced.couponId(), priced.couponCode(), null, start.reference(), start.dueAt(), now, null, null), items);
        return new Prepared(id, row, items, view);
    }

    /** The buyer's limit for a one-line order's product, if it has one. */
    private static Integer limitOf(Checkout.Priced priced) {
        return priced.limited().keySet().stream().findFirst().map(Checkout.Limited::limit).orElse(null);
    }

    private void announce(Prepared order, NewOrder form) {
        events.publishEvent(new OrderPlaced(order.id(), Long.parseLong(order.view().buyerId()), order.view().totals().total(), form.source(),
            order.items().stream().map(ItemRow::productId).distinct().toList()));
    }

    private void takeOrRefuse(ItemRow item) {
        if (!products.take(item.variantId(), item.quantity())) throw Checkout.outOfStock(item.sku());
    }

    /** One order: its buyer or staff; 404 for everyone else. */
    public OrderView view(Actor actor, String orderId) {
        var order = require(actor, orderId, false);
        return Orders.view(order, orders.items(order.id()));
    }

    /** The caller's orders, newest first. */
    public Page<OrderView> mine(Actor actor, PageRequest page) {
        return pageOf(actor.id().value(), null, page);
    }

    /** All orders for staff, newest first, optionally of one status. */
    public Page<OrderView> all(Actor actor, String status, PageRequest page) {
        if (!policy.canHandleOrders(actor)) throw new ForbiddenException("Only staff handle orders.");
        return pageOf(null, statusFilter(status), page);
    }

    private Page<OrderView> pageOf(Long buyer, String status, PageRequest page) {
        var rows = orders.page(buyer, status, page.isFirst() ? null : page.afterLong(0), page.limit() + 1);
        var items = orders.items(rows.stream().map(OrderRow::id).toList());
        return Page.fromOverfetch(rows, page.limit(), o -> PageRequest.encode(o.id()))
            .map(o -> Orders.view(o, items.getOrDefault(o.id(), List.of())));
    }

    /** The buyer until the order ships, or staff; stock, limits and coupon uses come back. */
    @Transactional
    public OrderView cancel(Actor actor, String orderId) {
        var order = require(actor, orderId, true);
        if (!policy.canCancel(actor, new UserId(order.buyerId()), order.status())) {
            throw new RuleRefusedException("cancel-refused", "An order can be cancelled by its buyer only until it ships.");
        }
        return move(order, order.status().cancel(), null, "cancelled");
    }

    @Transactional
    public OrderView confirmPayment(Actor actor, String orderId) {
        var order = requireStaff(actor, orderId);
        return move(order, order.status().markPaid(), null, "paid");
    }

    @Transactional
    public OrderView ship(Actor actor, String orderId, String trackingNumber) {
        var order = requireStaff(actor, orderId);
        io.kizuna.store.internal.StoreRules.check().optionalText("trackingNumber", trackingNumber, 50).orThrow();
        String tracking = trackingNumber == null || trackingNumber.isBlank() ? null : trackingNumber.strip();
        return move(order, order.status().ship("cod".equals(order.paymentMethod())), tracking, "shipped");
    }

    @Transactional
    public OrderView deliver(Actor actor, String orderId) {
        var order = requireStaff(actor, orderId);
        return move(order, order.status().deliver(), null, "delivered");
    }

    /**
     * Refunds a paid order. Stock it still holds (not shipped yet) always returns; for goods that left the shop it
     * returns only with {@code restock}, when staff say the goods came back sellable.
     */
    @Transactional
    public OrderView refund(Actor actor, String orderId, boolean restock) {
        var order = requireStaff(actor, orderId);
        var to = order.status().refund(order.paidAt() != null);
        if (restock && (order.status() == OrderStatus.SHIPPED || order.status() == OrderStatus.DELIVERED)) {
            for (var item : orders.items(order.id()).stream().sorted(Comparator.comparing(ItemRow::sku)).toList()) {
                products.giveBack(item.variantId(), item.quantity());
            }
        }
        return move(order, to, null, "refunded");
    }

    /** The card provider's signed webhook said the payment went through; repeats are harmless. */
    @Transactional
    public void cardPaid(String reference) {
        var id = orders.idByPaymentRef(reference).orElseThrow(() -> new NotFoundException("No order with this payment reference."));
        var order = orders.lock(id).orElseThrow();
        if (order.status() != OrderStatus.PENDING_PAYMENT || !"card".equals(order.paymentMethod())) return;
        move(order, order.status().markPaid(), null, "paid");
    }

    /** Cancels up to {@code limit} unpaid orders past their due time, giving their stock back; safe on several nodes. */
    @Transactional
    public int expireOverdue(int limit) {
        var ids = orders.lockOverdue(limit);
        for (long id : ids) {
            var order = orders.find(id).orElseThrow();
            move(order, order.status().cancel(), null, "expired");
        }
        return ids.size();
    }

    /** Applies a checked transition: stock and holds come back when an order stops holding them, and the buyer is mailed. */
    private OrderView move(OrderRow order, OrderStatus to, String tracking, String mailStep) {
        var items = orders.items(order.id());
        boolean unsold = to == OrderStatus.CANCELLED || to == OrderStatus.REFUNDED;
        if (order.status().holdsStock() && unsold) {
            checkout.release(order, items); // coupon and member rows before stock rows, the order in which placing locks them
            for (var item : items.stream().sorted(Comparator.comparing(ItemRow::sku)).toList()) products.giveBack(item.variantId(), item.quantity());
        }
        orders.setStatus(order.id(), to, tracking);
        var view = Orders.view(orders.find(order.id()).orElseThrow(), items);
        mails.send(mailStep, view);
        events.publishEvent(new OrderStatusChanged(order.id(), order.buyerId(), to,
            items.stream().map(ItemRow::productId).distinct().toList()));
        return view;
    }

    /** CSV of orders for staff (newest first, at most 10,000), optionally of one status. */
    public String csv(Actor actor, String status) {
        if (!policy.canHandleOrders(actor)) throw new ForbiddenException("Only staff handle orders.");
        var rows = orders.page(null, statusFilter(status), null, 10_000);
        var items = orders.items(rows.stream().map(OrderRow::id).toList());
        var out = new StringBuilder("order_id,created_at,status,payment_method,subtotal,discount,shipping,fee,total,tax_10,tax_8,items,prefecture,tracking_number\r\n");
        for (var o : rows) {
            var view = Orders.view(o, items.getOrDefault(o.id(), List.of()));
            String lines = view.items().stream().map(i -> i.sku() + " x" + i.quantity()).collect(Collectors.joining(" "));
            out.append(String.join(",", view.id(), o.createdAt().toString(), view.status(), view.paymentMethod(),
                Integer.toString(view.totals().subtotal()), Integer.toString(view.totals().discount()), Integer.toString(view.totals().shipping()),
                Integer.toString(view.totals().fee()), Integer.toString(view.totals().total()), Integer.toString(view.totals().taxAt(10)),
                Integer.toString(view.totals().taxAt(8)), csvField(lines), Prefectures.name(o.address().prefecture(), true),
                csvField(o.trackingNumber() == null ? "" : o.trackingNumber()))).append("\r\n");
        }
        return out.toString();
    }

    private static String csvField(String s) {
        // quoted, and cells that a spreadsheet would run as a formula are prefixed with '
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private static String statusFilter(String status) {
        if (status == null || status.isBlank()) return null;
        return OrderStatus.parse(status).map(OrderStatus::code)
            .orElseThrow(() -> new io.kizuna.shared.InvalidInputException("status", "validation.unknownValue"));
    }

    private OrderRow require(Actor actor, String orderId, boolean lock) {
        long id = parseId(orderId);
        var order = (lock ? orders.lock(id) : orders.find(id)).orElseThrow(() -> new NotFoundException("No such order."));
        if (!policy.canSeeOrder(actor, new UserId(order.buyerId()))) throw new NotFoundException("No such order.");
        return order;
    }

    private OrderRow requireStaff(Actor actor, String orderId) {
        var order = require(actor, orderId, true);
        if (!policy.canHandleOrders(actor)) throw new ForbiddenException("Only staff handle orders.");
        return order;
    }

    static long parseId(String id) {
        try {
            long v = Long.parseLong(id);
            if (v > 0) return v;
        } catch (NumberFormatException | NullPointerException e) {
            // fall through
        }
        throw new NotFoundException("No such order.");
    }

    /** The shop's settings (fees, invoice number), for checkout pages and receipts. */
    public Views.SettingsView settings() {
        return settings.get();
    }
}
