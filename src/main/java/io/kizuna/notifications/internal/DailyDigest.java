package io.kizuna.notifications.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily digest: from {@code kizuna.notifications.digest-hour} (Japan time, 7 by default) each member who takes
 * something daily and has unread, unmailed notifications gets one mail. Members are locked while mailed, so any
 * number of nodes can run this without sending twice.
 */
@Component
public class DailyDigest {
    private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final SettingsRows settings;
    private final NotificationMails mails;
    private final TransactionTemplate tx;
    private final int hour;

    DailyDigest(SettingsRows settings, NotificationMails mails, TransactionTemplate tx,
                @Value("${kizuna.notifications.digest-hour:7}") int hour) {
        this.settings = settings;
        this.mails = mails;
        this.tx = tx;
        this.hour = hour;
    }

    @Scheduled(fixedDelayString = "${kizuna.notifications.digest-check-ms:300000}", initialDelay = 60_000)
    void sendDue() {
        try {
            sendDue(Clock.systemUTC().instant());
        } catch (RuntimeException e) {
            log.warn("Daily digest run failed; will retry: {}", e.getMessage());
        }
    }

    /** Sends the digests due at {@code now}; returns how many were sent. */
    public int sendDue(Instant now) {
        var since = lastSendingTime(now);
        int sent = 0;
        while (true) {
            Integer batch = tx.execute(status -> {
                var due = settings.lockDueDigests(since, 50);
                int n = 0;
                for (var member : due) {
                    if (mails.digest(member)) n++;
                    settings.digestSent(member.userId());
                }
                return due.isEmpty() ? -1 : n;
            });
            if (batch == null || batch < 0) return sent;
            sent += batch;
        }
    }

    /** The latest digest time at or before {@code now}: today's hour in Japan, or yesterday's before it. */
    OffsetDateTime lastSendingTime(Instant now) {
        ZonedDateTime today = now.atZone(JAPAN).toLocalDate().atTime(hour, 0).atZone(JAPAN);
        return (today.toInstant().isAfter(now) ? today.minusDays(1) : today).toOffsetDateTime();
    }
}
