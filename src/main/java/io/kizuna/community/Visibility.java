package io.kizuna.community;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who may read a space: anyone, signed-in members, or only the members added to it (and staff). */
public enum Visibility {
    PUBLIC, MEMBERS, PRIVATE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Visibility> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
    }
}
