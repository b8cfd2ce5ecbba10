package io.kizuna.mail;

import java.time.OffsetDateTime;

/** One mail in the outbox, as owners and admins read it at {@code /admin/mail}. */
public record OutboxMail(long id, String toAddress, String subject, String body, String status, int attempts,
                         String lastError, OffsetDateTime createdAt, OffsetDateTime sentAt, String headers) {
    /** The extra headers, in order. */
    public java.util.Map<String, String> headerMap() {
        var map = new java.util.LinkedHashMap<String, String>();
        headers.lines().filter(l -> l.contains(": ")).forEach(l -> map.put(l.substring(0, l.indexOf(": ")), l.substring(l.indexOf(": ") + 2)));
        return map;
    }
}
