package io.kizuna.community;

import java.util.Locale;
import java.util.Optional;

/** Who may read a space: anyone, signed-in members, or only the members added to it (and staff). */
public enum Visibility {
    PUBLIC, MEMBERS, PRIVATE;

    // read for every row of a hot query: lowered once, not per call
    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }

    public static Optional<Visibility> fromCode(String code) {
        for (var v : values()) {
            if (v.code.equals(code)) return Optional.of(v);
        }
        return Optional.empty();
    }
}
