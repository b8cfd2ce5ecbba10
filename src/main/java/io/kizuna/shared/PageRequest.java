package io.kizuna.shared;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/**
 * Keyset paging input: {@code ?limit=} (default 20, max 100) and an opaque {@code ?cursor=}.
 * A cursor carries the sort keys of the last item seen, so a deep page costs the same as the first.
 */
public record PageRequest(int limit, List<String> after) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        after = after == null ? List.of() : List.copyOf(after);
    }

    /** Parses the query parameters; malformed values are a 400, not a surprise page. */
    public static PageRequest of(String limit, String cursor) {
        int n = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw new InvalidInputException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        return new PageRequest(n, cursor == null || cursor.isBlank() ? List.of() : decode(cursor));
    }

    public boolean isFirst() {
        return after.isEmpty();
    }

    /** The {@code i}-th key of the cursor as a number, or a 400 when the cursor was tampered with. */
    public long afterLong(int i) {
        try {
            return Long.parseLong(after.get(i));
        } catch (RuntimeException e) {
            throw badCursor();
        }
    }

    /**
     * The {@code i}-th key as a time, or a 400 when it is not one this server issues: those have four-digit years, and
     * PostgreSQL refuses a time past the year 294276.
     */
    public OffsetDateTime afterTime(int i) {
        try {
            var time = OffsetDateTime.parse(afterString(i));
            if (time.getYear() >= 1 && time.getYear() <= 9999) return time;
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw badCursor();
    }

    public String afterString(int i) {
        if (i >= after.size()) throw badCursor();
        return after.get(i);
    }

    /** Encodes the sort keys of the last item of a page. */
    public static String encode(Object... keys) {
        var sb = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) sb.append('\u001f');
            sb.append(keys[i]);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> decode(String cursor) {
        try {
            var text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            return List.of(text.split("\u001f", -1));
        } catch (IllegalArgumentException e) {
            throw badCursor();
        }
    }

    private static InvalidInputException badCursor() {
        return new InvalidInputException("cursor", "is not a cursor this server issued");
    }
}
