package io.kizuna.mail.internal;

import io.kizuna.mail.MailOutbox;
import jakarta.mail.internet.InternetAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes mail into the outbox and delivers it: right after the sender's commit, and by a one-second sweep
 * that retries failures and picks up what another node or a crash left behind.
 */
@Service
@EnableConfigurationProperties(SmtpSettings.class)
class MailDispatcher implements MailOutbox {
    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int MAX_ATTEMPTS = 8;

    private final OutboxMails mails;
    private final SmtpSettings settings;
    private final JavaMailSenderImpl sender;
    private final TransactionTemplate tx;
    private final Executor wakeups = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("mail-dispatch").factory());
    private final AtomicBoolean wakeupQueued = new AtomicBoolean();

    MailDispatcher(OutboxMails mails, SmtpSettings settings, TransactionTemplate tx) {
        this.mails = mails;
        this.settings = settings;
        this.tx = tx;
        this.sender = settings.configured() ? settings.sender() : null;
        if (sender == null) log.info("No SMTP configured (KIZUNA_SMTP_HOST): mail is kept in the outbox at /admin/mail");
        else log.info("Mail goes out through {}", settings);
    }

    @Override
    public void send(String to, String subject, String body) {
        mails.insert(to, subject, body, sender == null ? "held" : "pending");
        if (sender != null && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else if (sender != null) {
            wake();
        }
    }

    @Override
    public void forget(String address) {
        mails.deleteTo(address);
    }

    private void wake() {
        if (wakeupQueued.compareAndSet(false, true)) {
            wakeups.execute(() -> {
                wakeupQueued.set(false);
                deliverDue();
            });
        }
    }

    @Scheduled(fixedDelayString = "${kizuna.mail.poll-interval-ms:1000}")
    void deliverDue() {
        if (sender == null) return;
        try {
            Integer sent;
            do {
                sent = tx.execute(status -> {
                    var due = mails.lockDue(20);
                    due.forEach(this::deliver);
                    return due.size();
                });
            } while (sent != null && sent == 20);
        } catch (RuntimeException e) {
            log.warn("Mail delivery sweep failed; will retry: {}", e.getMessage());
        }
    }

    private void deliver(io.kizuna.mail.OutboxMail mail) {
        try {
            var message = new SimpleMailMessage();
            message.setFrom(settings.fromAddress());
            message.setTo(new InternetAddress(mail.toAddress(), true).getAddress());
            message.setSubject(mail.subject());
            message.setText(mail.body());
            sender.send(message);
            mails.markSent(mail.id());
        } catch (Exception e) {
            log.warn("Could not deliver mail {} (attempt {}): {}", mail.id(), mail.attempts() + 1, e.getMessage());
            mails.markFailed(mail.id(), String.valueOf(e.getMessage()), MAX_ATTEMPTS);
        }
    }
}
