package io.kizuna.shared;

import java.io.Serial;
import java.io.Serializable;

/** The signed-in member behind a request; always taken from the session or token, never from a body. */
public record Actor(UserId id, String displayName, Role role, boolean emailVerified) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public boolean isAdmin() {
        return role.isAdmin();
    }

    public boolean isStaff() {
        return role.isStaff();
    }
}
