package io.kizuna.mail.internal;

import java.util.Properties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** SMTP from the environment ({@code KIZUNA_SMTP_*}); no host means mail is held in the outbox for staff. */
@ConfigurationProperties("kizuna.mail")
record SmtpSettings(String smtpHost, Integer smtpPort, String smtpUser, String smtpPassword, Boolean smtpStarttls, String from) {

    boolean configured() {
        return smtpHost != null && !smtpHost.isBlank();
    }

    String fromAddress() {
        return from == null || from.isBlank() ? "Kizuna <no-reply@kizuna.invalid>" : from;
    }

    JavaMailSenderImpl sender() {
        var sender = new JavaMailSenderImpl();
        sender.setHost(smtpHost);
        sender.setPort(smtpPort == null ? 25 : smtpPort);
        if (smtpUser != null && !smtpUser.isBlank()) {
            sender.setUsername(smtpUser);
            sender.setPassword(smtpPassword);
        }
        sender.setDefaultEncoding("UTF-8");
        Properties p = sender.getJavaMailProperties();
        p.put("mail.smtp.auth", Boolean.toString(smtpUser != null && !smtpUser.isBlank()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(Boolean.TRUE.equals(smtpStarttls)));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "20000");
        p.put("mail.smtp.writetimeout", "20000");
        return sender;
    }

    /** Printed in logs instead of the record, which holds the password. */
    @Override
    public String toString() {
        return "SmtpSettings[host=" + smtpHost + ", port=" + smtpPort + ", user=" + smtpUser + "]";
    }
}
