package io.kizuna.identity;

/** How a member appears next to their content: id, display name and @handle (never personal data). Erased members have neither. */
public record MemberName(String id, String displayName, String handle, boolean erased) {}
