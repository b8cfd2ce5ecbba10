package io.kizuna.community;

import java.util.Locale;
import java.util.Optional;

/** What a thread is for; announcements are for staff only, questions can be solved, ideas collect votes. */
public enum ThreadKind {
    DISCUSSION, QUESTION, IDEA, ANNOUNCEMENT;

    // read for every row of a hot query: lowered once, not per call
    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }

    public static Optional<ThreadKind> fromCode(String code) {
        for (var k : values()) {
            if (k.code.equals(code)) return Optional.of(k);
        }
        return Optional.empty();
    }
}
