package io.kizuna.identity;

import io.kizuna.shared.UserId;

/** A member deleted their account: modules erase their personal data and anonymize their content. */
public record MemberErased(UserId member, String formerEmail) {}
