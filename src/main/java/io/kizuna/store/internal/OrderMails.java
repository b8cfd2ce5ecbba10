package io.kizuna.store.internal;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.mail.MailOutbox;
import io.kizuna.platform.PublicUrls;
import io.kizuna.shared.UserId;
import io.kizuna.store.Views.OrderView;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Mails the buyer at each step of an order (placed, paid, shipped, delivered, cancelled, expired, refunded) in their
 * language, queued in the caller's transaction: a rolled-back step mails nobody.
 */
@Component
public class OrderMails {
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MailOutbox outbox;
    private final IdentityManagement identity;
    private final MessageSource messages;
    private final PublicUrls urls;
    private final Settings settings;

    OrderMails(MailOutbox outbox, IdentityManagement identity, MessageSource messages, PublicUrls urls, Settings settings) {
        this.outbox = outbox;
        this.identity = identity;
        this.messages = messages;
        this.urls = urls;
        this.settings = settings;
    }

    /** {@code step}: placed, paid, shipped, delivered, cancelled, expired or refunded. */
    public void send(String step, OrderView order) {
        compose(step, order).ifPresent(mail -> outbox.send(mail.to(), mail.subject(), mail.body()));
    }

    /** The mail of {@code step}, for the caller's own statement to queue ({@link MailOutbox#queued}); empty when there is none. */
    public Optional<MailOutbox.Queued> queued(String step, OrderView order) {
        return compose(step, order).map(mail -> outbox.queued(mail.to(), mail.subject(), mail.body()));
    }

    private record Mail(String to, String subject, String body) {}

    private Optional<Mail> compose(String step, OrderView order) {
        return identity.purchaseContact(new UserId(Long.parseLong(order.buyerId()))).map(contact -> {
            var locale = contact.locale();
            String shop = settings.get().shopName();
            String total = yen(order.totals().total());
            String extra = switch (step) {
                case "placed" -> text("store.mail.pay." + order.paymentMethod(), locale,
                    order.paymentReference() == null ? "" : order.paymentReference(),
                    order.paymentDueAt() == null ? "" : DUE.format(order.paymentDueAt().atZoneSameInstant(ZoneId.of("Asia/Tokyo"))));
                case "shipped" -> order.trackingNumber() == null ? "" : text("store.mail.tracking", locale, order.trackingNumber());
                default -> "";
            };
            String subject = text("store.mail." + step + ".subject", locale, shop, order.id());
            String body = text("store.mail." + step + ".body", locale, contact.displayName(), order.id(), total,
                urls.of("/orders/" + order.id()), extra, shop);
            return new Mail(contact.email(), subject, body);
        });
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    static String yen(int amount) {
        return "¥" + NumberFormat.getIntegerInstance(Locale.JAPAN).format(amount);
    }
}
