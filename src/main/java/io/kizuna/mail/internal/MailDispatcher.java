package io.kizuna.mail.internal;

import io.kizuna.mail.MailOutbox;
import io.kizuna.platform.Wakeup;
import jakarta.mail.internet.InternetAddress;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
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
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,60}");

    private final OutboxMails mails;
    private final SmtpSettings settings;
    private final JavaMailSenderImpl sender;
    private final TransactionTemplate tx;
    private final Wakeup wakeup = new Wakeup("mail-dispatch", this::deliverDue);

    MailDispatcher(OutboxMails mails, SmtpSettings settings, TransactionTemplate tx) {
        this.mails = mails;
        this.settings = settings;
        this.tx = tx;
        this.sender = settings.configured() ? settings.sender() : null;
        if (sender == null) log.info("No SMTP configured (KIZUNA_SMTP_HOST): mail is kept in the outbox at /admin/mail");
        else log.info("Mail goes out through {}", settings);
    }

    @Override
    public void send(String to, String subject, String body, java.util.Map<String, String> headers) {
        var lines = new StringBuilder();
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches() || value.contains("\r") || value.contains("\n")) {
                throw new IllegalArgumentException("Not a single-line mail header: " + name);
            }
            lines.append(name).append(": ").append(value).append('\n');
        });
        mails.insert(to, subject, body, lines.toString(), status());
        deliverAfterCommit();
    }

    @Override
    public Queued queued(String to, String subject, String body) {
        return new Queued(OutboxMails.INSERT, java.util.Map.of("mail_to", to, "mail_subject", subject, "mail_body", body,
            "mail_headers", "", "mail_status", status()), this::deliverAfterCommit);
    }

    /** Without SMTP, mail stays in the outbox for staff to read at /admin/mail. */
    private String status() {
        return sender == null ? "held" : "pending";
    }

    private void deliverAfterCommit() {
        if (sender != null) wakeup.afterCommit();
    }

    @Override
    public void forget(String address) {
        mails.deleteTo(address);
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
            var message = sender.createMimeMessage();
            var helper = new org.springframework.mail.javamail.MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(settings.fromAddress());
            helper.setTo(new InternetAddress(mail.toAddress(), true).getAddress());
            helper.setSubject(mail.subject());
            helper.setText(mail.body());
            for (var header : mail.headerMap().entrySet()) message.setHeader(header.getKey(), header.getValue());
            sender.send(message);
            mails.markSent(mail.id());
        } catch (Exception e) {
            log.warn("Could not deliver mail {} (attempt {}): {}", mail.id(), mail.attempts() + 1, e.getMessage());
            mails.markFailed(mail.id(), String.valueOf(e.getMessage()), MAX_ATTEMPTS);
        }
    }
}
