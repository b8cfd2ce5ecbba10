package io.kizuna.search;

/** One result: {@code {type, id, threadId?, title, snippet}}; the snippet is HTML with matches in {@code <mark>}, everything else escaped. */
public record SearchHit(String type, String id, String threadId, String title, String snippet, boolean solved) {}
