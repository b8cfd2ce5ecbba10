package io.kizuna.identity.internal;

import io.kizuna.identity.UserView;
import io.kizuna.shared.Actor;
import io.kizuna.shared.Role;
import io.kizuna.shared.UserId;
import java.time.OffsetDateTime;

/** A row of {@code identity_users}. */
public record UserRow(long id, String email, OffsetDateTime emailVerifiedAt, String passwordHash, String displayName, String handle,
                      String familyName, String givenName, String familyNameKana, String givenNameKana, String role,
                      String locale, int failedLogins, OffsetDateTime loginBlockedUntil, OffsetDateTime createdAt,
                      OffsetDateTime erasedAt) {

    public UserId userId() {
        return new UserId(id);
    }

    public Role roleValue() {
        return Role.fromCode(role).orElse(Role.MEMBER);
    }

    public Actor actor() {
        return new Actor(userId(), displayName, roleValue(), emailVerifiedAt != null);
    }

    public UserView view() {
        return new UserView(Long.toString(id), email, displayName, handle, role, emailVerifiedAt != null,
            familyName, givenName, familyNameKana, givenNameKana, createdAt);
    }
}
