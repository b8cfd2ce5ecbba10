package io.kizuna.shared;

import java.io.Serial;
import java.io.Serializable;

/** A member's id; shown to clients as an opaque string. */
public record UserId(long value) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    /** Parses a client-sent id; anything malformed is simply not found. */
    public static UserId parse(String text) {
        try {
            long v = Long.parseLong(text);
            if (v <= 0) throw new NotFoundException("user");
            return new UserId(v);
        } catch (NumberFormatException e) {
            throw new NotFoundException("user");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
