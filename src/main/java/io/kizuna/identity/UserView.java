package io.kizuna.identity;

import java.time.OffsetDateTime;

/** A member as the API shows them to themselves and to admins: {@code {id, email, displayName, handle, role, ...}}. */
public record UserView(String id, String email, String displayName, String handle, String role, boolean emailVerified,
                       String familyName, String givenName, String familyNameKana, String givenNameKana,
                       OffsetDateTime createdAt) {}
