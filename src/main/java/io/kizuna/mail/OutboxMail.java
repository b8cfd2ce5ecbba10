package io.kizuna.mail;

import java.time.OffsetDateTime;

/** One mail in the outbox, as owners and admins read it at {@code /admin/mail}. */
public record OutboxMail(long id, String toAddress, String subject, String body, String status, int attempts,
                         String lastError, OffsetDateTime createdAt, OffsetDateTime sentAt) {}
