package io.kizuna.identity;

/** How a member appears next to their content: id and display name only (never personal data). Erased members have no name. */
public record MemberName(String id, String displayName, boolean erased) {}
