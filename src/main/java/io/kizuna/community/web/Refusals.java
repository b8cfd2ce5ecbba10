package io.kizuna.community.web;

import io.kizuna.moderation.ContentGate;
import io.kizuna.shared.DomainException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.RateLimitedException;
import io.kizuna.web.PageContext.Form;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;

/** A refused thread or reply goes back to its form with the typed text and why, so the member can fix it and send it again. */
final class Refusals {
    /** What the form says, by problem type; other refusals say what their error page would. */
    private static final Map<String, String> MESSAGES = Map.of(
        "banned-word", "community.refused.bannedWord",
        "too-many-links", "community.refused.tooManyLinks",
        "duplicate-post", "community.refused.duplicate",
        "thread-locked", "community.locked",
        "suspended", "community.refused.suspended",
        "banned", "community.refused.banned",
        "guidelines-not-accepted", "community.refused.guidelines"); // editor.jte adds the link to them

    private Refusals() {}

    /** Sets the refusal's status and returns the form to show again; a thread or space one may not see stays a 404. */
    static Form form(HttpServletResponse response, Map<String, String> values, DomainException e) {
        if (e.status() == 401 || e.status() == 404) throw e;
        response.setStatus(e.status());
        if (e instanceof RateLimitedException limited) response.setHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
        if (e instanceof InvalidInputException invalid) return Form.refused(values, invalid);
        return Form.error(values, "body", message(e));
    }

    /** A moderator's own words for a banned word; a message key for everything else. */
    private static String message(DomainException e) {
        if ("banned-word".equals(e.slug()) && !ContentGate.BANNED_WORD.equals(e.getMessage())) return e.getMessage();
        return MESSAGES.getOrDefault(e.slug(), "error." + e.status() + ".body");
    }
}
