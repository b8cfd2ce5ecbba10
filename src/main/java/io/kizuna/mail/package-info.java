/** Outgoing mail: a transactional outbox delivered by SMTP, or kept for staff to read when no SMTP server is configured. */
package io.kizuna.mail;
