package io.kizuna.community;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a thread is for; announcements are for staff only, questions can be solved, ideas collect votes. */
public enum ThreadKind {
    DISCUSSION, QUESTION, IDEA, ANNOUNCEMENT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ThreadKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst();
    }
}
