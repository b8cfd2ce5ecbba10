package io.kizuna.live.internal;

import io.kizuna.identity.IdentityManagement;
import io.kizuna.mail.MailOutbox;
import io.kizuna.platform.PublicUrls;
import io.kizuna.platform.Wakeup;
import io.kizuna.shared.UserId;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Remind me" ({@code live_reminders}): a show that starts makes its reminders due; they are mailed after that
 * commit, in batches taken with {@code SKIP LOCKED} (several nodes never mail one twice), each queued in the
 * transaction that marks it sent. Only verified addresses get mail.
 */
@Component
public class Reminders {
    private static final Logger log = LoggerFactory.getLogger(Reminders.class);
    private record Due(long sessionId, long userId, String title) {}

    private final JdbcClient jdbc;
    private final IdentityManagement identity;
    private final MailOutbox outbox;
    private final MessageSource messages;
    private final PublicUrls urls;
    private final TransactionTemplate tx;
    private final Wakeup wakeup = new Wakeup("live-reminders", this::run);

    Reminders(JdbcClient jdbc, IdentityManagement identity, MailOutbox outbox, MessageSource messages, PublicUrls urls,
              PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.outbox = outbox;
        this.messages = messages;
        this.urls = urls;
        this.tx = new TransactionTemplate(transactions);
    }

    public void add(long sessionId, long userId) {
        jdbc.sql("insert into live_reminders (session_id, user_id) values (:s, :u) on conflict do nothing").param("s", sessionId).param("u", userId).update();
    }

    public void remove(long sessionId, long userId) {
        jdbc.sql("delete from live_reminders where session_id = :s and user_id = :u").param("s", sessionId).param("u", userId).update();
    }

    public boolean has(long sessionId, long userId) {
        return jdbc.sql("select count(*) from live_reminders where session_id = :s and user_id = :u").param("s", sessionId).param("u", userId)
            .query(Long.class).single() > 0;
    }

    /** In the starting transaction: the show's reminders are due, and mailed once it commits. */
    public void due(long sessionId) {
        jdbc.sql("update live_reminders set due = true where session_id = :s and sent_at is null").param("s", sessionId).update();
        wakeup.afterCommit();
    }

    @Scheduled(fixedDelayString = "${kizuna.live.reminder-interval-ms:60000}", initialDelay = 20_000)
    void run() {
        try {
            while (Boolean.TRUE.equals(tx.execute(s -> sendDue(100)))) {
                // until a batch comes back short
            }
        } catch (RuntimeException e) {
            log.warn("Sending live reminders failed; the next run retries", e);
        }
    }

    private boolean sendDue(int limit) {
        var due = jdbc.sql("""
                select r.session_id, r.user_id, s.title from live_reminders r join live_sessions s on s.id = r.session_id
                where r.due and r.sent_at is null order by r.session_id, r.user_id limit :n for update of r skip locked""")
            .param("n", limit).query(Due.class).list();
        if (due.isEmpty()) return false;
        var contacts = identity.contacts(due.stream().map(d -> new UserId(d.userId())).toList());
        for (var d : due) {
            jdbc.sql("update live_reminders set sent_at = now() where session_id = :s and user_id = :u").param("s", d.sessionId()).param("u", d.userId()).update();
            contacts.stream().filter(c -> c.id().value() == d.userId()).findFirst().ifPresent(c -> outbox.send(c.email(),
                text("live.mail.reminder.subject", c.locale(), d.title()),
                text("live.mail.reminder.body", c.locale(), c.displayName(), d.title(), urls.of("/live/" + d.sessionId()))));
        }
        return due.size() == limit;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

}
