package io.kizuna.web;

import io.kizuna.shared.Actor;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;

/**
 * What every page template gets: the language and its messages, the signed-in member (or none),
 * the CSRF token for forms, and the current path (for canonical links and the language switch).
 */
public final class PageContext {
    private static final java.time.ZoneId JAPAN = java.time.ZoneId.of("Asia/Tokyo");
    // compiled once: summary() runs on every thread page
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern MARKUP = Pattern.compile("[*_`#>~|]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MessageSource messages;
    private final Locale locale;
    private final Actor actor;
    private final String csrfParameter;
    private final String csrfToken;
    private final String csrfHeader;
    private final String path;
    private final String query;

    public PageContext(MessageSource messages, Locale locale, Actor actor, String csrfParameter, String csrfToken,
                       String csrfHeader, String path, String query) {
        this.messages = messages;
        this.locale = locale;
        this.actor = actor;
        this.csrfParameter = csrfParameter;
        this.csrfToken = csrfToken;
        this.csrfHeader = csrfHeader;
        this.path = path;
        this.query = query;
    }

    /**
     * The message for {@code key} in the page's language; unknown keys show as the key itself. A count of exactly one
     * as the first argument takes {@code key.one} where the language has it ("1 post", not "1 posts"); Japanese has
     * no singular, so its bundle defines none.
     */
    public String t(String key, Object... args) {
        Object[] formatted = wholeNumbersFormatted(args);
        if (args.length > 0 && args[0] instanceof Number n && !(n instanceof Double || n instanceof Float) && n.longValue() == 1) {
            String one = messages.getMessage(key + ".one", formatted, null, locale);
            if (one != null) return one;
        }
        return messages.getMessage(key, formatted, key, locale);
    }

    /**
     * Whole numbers become text here, grouped by thousands as both languages write them (12,345): given a number,
     * {@code MessageFormat} builds a new {@code NumberFormat} each time, a visible cost on pages with many counts.
     */
    static Object[] wholeNumbersFormatted(Object[] args) {
        Object[] out = args;
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Integer || args[i] instanceof Long || args[i] instanceof Short) {
                if (out == args) out = args.clone();
                out[i] = grouped(((Number) args[i]).longValue());
            }
        }
        return out;
    }

    static String grouped(long n) {
        String digits = n < 0 ? Long.toString(n).substring(1) : Long.toString(n);
        var sb = new StringBuilder(digits.length() + 8);
        if (n < 0) sb.append('-');
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        sb.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) sb.append(',').append(digits, i, i + 3);
        return sb.toString();
    }

    /** A moment as people here read it: Japan time, to the minute ("2026-11-24 09:30"). */
    public String time(java.time.OffsetDateTime at) {
        return at == null ? "" : TIME.format(at.atZoneSameInstant(JAPAN));
    }

    /** A day as people here read it: the Japan-time date ("2026-11-24"), not the UTC one the database gives. */
    public String date(java.time.OffsetDateTime at) {
        return at == null ? "" : at.atZoneSameInstant(JAPAN).toLocalDate().toString();
    }

    /**
     * Markdown as one line of plain text, at most {@code max} characters (ending in "…" when cut), for a page's meta
     * description: images and links keep their words, markup characters and URLs in angle brackets go.
     */
    public static String summary(String markdown, int max) {
        if (markdown == null) return "";
        String text = LINK.matcher(markdown).replaceAll("$1");
        text = TAG.matcher(text).replaceAll(" ");
        text = MARKUP.matcher(text).replaceAll("");
        text = SPACES.matcher(text).replaceAll(" ").strip();
        if (text.codePointCount(0, text.length()) <= max) return text;
        return text.substring(0, text.offsetByCodePoints(0, max - 1)).strip() + "…";
    }

    /** A static file's URL with its content version, e.g. {@code page.asset("/js/community.js")}. */
    public String asset(String path) {
        return Assets.url(path);
    }

    public String lang() {
        return locale.getLanguage();
    }

    public boolean isJapanese() {
        return "ja".equals(lang());
    }

    public boolean signedIn() {
        return actor != null;
    }

    public Actor actor() {
        return actor;
    }

    public boolean isStaff() {
        return actor != null && actor.isStaff();
    }

    public boolean isAdmin() {
        return actor != null && actor.isAdmin();
    }

    public String csrfParameter() {
        return csrfParameter;
    }

    public String csrfToken() {
        return csrfToken;
    }

    /** The request header that carries the CSRF token for scripts calling the API with the session cookie. */
    public String csrfHeader() {
        return csrfHeader;
    }

    public String path() {
        return path;
    }

    /** The same page in the other language; the choice is remembered in a cookie. */
    public String switchLanguageUrl() {
        String other = isJapanese() ? "en" : "ja";
        String q = query == null ? "" : query.replaceAll("(^|&)lang=[^&]*", "").replaceAll("^&", "");
        return path + "?" + (q.isEmpty() ? "" : q + "&") + "lang=" + other;
    }

    /** Field errors of a form, keyed by field name, already translated. */
    public record Form(Map<String, String> values, Map<String, String> errors) {
        public static Form empty() {
            return new Form(Map.of(), Map.of());
        }

        /** The values sent back into the form (never passwords) with the refused fields' message keys. */
        public static Form refused(Map<String, String> values, io.kizuna.shared.InvalidInputException e) {
            var errors = new java.util.LinkedHashMap<String, String>();
            e.problems().forEach(p -> errors.putIfAbsent(p.field(), p.message()));
            return new Form(values, errors);
        }

        public static Form error(Map<String, String> values, String field, String messageKey) {
            return new Form(values, Map.of(field, messageKey));
        }

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.get(field);
        }

        public boolean hasError(String field) {
            return errors.containsKey(field);
        }

        public boolean hasErrors() {
            return !errors.isEmpty();
        }
    }
}
