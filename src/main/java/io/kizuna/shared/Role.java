package io.kizuna.shared;

import java.util.Locale;
import java.util.Optional;

/** Community roles, strongest first. */
public enum Role {
    OWNER, ADMIN, MODERATOR, AMBASSADOR, MEMBER;

    // read for every row of a hot query: lowered once, not per call
    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }

    public static Optional<Role> fromCode(String code) {
        if (code == null) return Optional.empty();
        for (Role r : values()) {
            if (r.code.equals(code)) return Optional.of(r);
        }
        return Optional.empty();
    }

    /** Owner and admin run the site. */
    public boolean isAdmin() {
        return this == OWNER || this == ADMIN;
    }

    /** Moderators and up act on content and members. */
    public boolean isStaff() {
        return this == OWNER || this == ADMIN || this == MODERATOR;
    }
}
