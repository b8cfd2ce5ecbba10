package io.kizuna.reviews.internal;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.mail.MailOutbox;
import io.kizuna.platform.PublicUrls;
import io.kizuna.shared.UserId;
import io.kizuna.store.PurchaseHistory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Review-request mail: {@code KIZUNA_REVIEW_REQUEST_DAYS} (default 7) after an order is delivered, its buyer is asked
 * to review each product on it they have not reviewed yet. Due requests are taken with {@code SKIP LOCKED}, so several
 * nodes never mail one twice; the mail is queued in the same transaction that marks the request sent.
 */
@Component
class ReviewRequests {
    private static final Logger log = LoggerFactory.getLogger(ReviewRequests.class);
    private record Due(long orderId, long productId, long buyerId) {}

    private final JdbcClient jdbc;
    private final Reviews reviews;
    private final PurchaseHistory purchases;
    private final IdentityManagement identity;
    private final MailOutbox outbox;
    private final MessageSource messages;
    private final PublicUrls urls;
    private final TransactionTemplate tx;
    private final Duration delay;

    ReviewRequests(JdbcClient jdbc, Reviews reviews, PurchaseHistory purchases, IdentityManagement identity, MailOutbox outbox,
                   MessageSource messages, PublicUrls urls, org.springframework.transaction.PlatformTransactionManager transactions, @Value("${kizuna.reviews.request-days:7}") double days) {
        this.jdbc = jdbc;
        this.reviews = reviews;
        this.purchases = purchases;
        this.identity = identity;
        this.outbox = outbox;
        this.messages = messages;
        this.urls = urls;
        this.tx = new TransactionTemplate(transactions);
        this.delay = Duration.ofSeconds(Math.round(days * 86_400));
    }

    /** In the delivering transaction: one request per product of the order, due after the configured days. */
    void schedule(long orderId, long buyerId, List<Long> productIds) {
        for (long productId : productIds) {
            jdbc.sql("insert into review_requests (order_id, product_id, buyer_id, due_at) values (:o, :p, :b, now() + :delay * interval '1 second') "
                    + "on conflict do nothing")
                .param("o", orderId).param("p", productId).param("b", buyerId).param("delay", delay.toSeconds()).update();
        }
    }

    @Scheduled(fixedDelayString = "${kizuna.reviews.request-interval-ms:60000}", initialDelay = 15_000)
    void run() {
        try {
            while (Boolean.TRUE.equals(tx.execute(s -> sendDue(50)))) {
                // until a batch comes back short
            }
        } catch (RuntimeException e) {
            log.warn("Sending review requests failed; the next run retries", e);
        }
    }

    /** Mails up to {@code limit} due requests; true when there may be more. */
    boolean sendDue(int limit) {
        var due = jdbc.sql("select order_id, product_id, buyer_id from review_requests where sent_at is null and due_at <= now() "
                + "order by due_at limit :n for update skip locked")
            .param("n", limit).query(Due.class).list();
        if (due.isEmpty()) return false;
        var products = purchases.products(due.stream().map(Due::productId).distinct().toList());
        for (var d : due) {
            jdbc.sql("update review_requests set sent_at = now() where order_id = :o and product_id = :p")
                .param("o", d.orderId()).param("p", d.productId()).update();
            var product = products.get(d.productId());
            // already reviewed, or the product is gone: nothing to ask
            if (product == null || !reviews.reviewedBy(d.buyerId(), List.of(d.productId())).isEmpty()) continue;
            var buyer = new UserId(d.buyerId());
            if (!purchases.hasBought(buyer, d.productId())) continue; // refunded since
            identity.purchaseContact(buyer).ifPresent(c -> outbox.send(c.email(),
                text("reviews.mail.request.subject", c.locale(), product.name()),
                text("reviews.mail.request.body", c.locale(), c.displayName(), product.name(), urls.of("/store/" + product.slug() + "#write-review"))));
        }
        return due.size() == limit;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
