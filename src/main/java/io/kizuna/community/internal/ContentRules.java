package io.kizuna.community.internal;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.InvalidInputException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Input rules for community content; lengths count characters (code points), so Japanese text is not cut short. */
public final class ContentRules {
    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 50_000;
    public static final int MAX_SPACE_NAME = 80;
    public static final int MAX_DESCRIPTION = 2_000;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?");
    /**
     * Characters that draw nothing: separators (U+00A0, U+202F, U+3000, ...), controls, format characters (zero-width
     * space, word joiner, U+FEFF), the combining grapheme joiner, variation selectors and the blank fillers (Hangul
     * fillers, Khmer inherent vowels, braille blank).
     */
    private static final Pattern INVISIBLE = Pattern.compile(
        "[\\p{Z}\\p{Cc}\\p{Cf}\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u2800\\u3164\\uFE00-\\uFE0F\\uFFA0\\x{E0100}-\\x{E01EF}]*+");

    private final List<FieldProblem> problems = new ArrayList<>();

    public static ContentRules check() {
        return new ContentRules();
    }

    /** Required text that is stored stripped (titles, names, poll options), so measured stripped. */
    public ContentRules text(String field, String value, int max) {
        return required(field, value, value == null ? null : value.strip(), max);
    }

    /** A required Markdown body: stored as written (leading indentation means something), so measured whole. */
    public ContentRules markdown(String field, String value, int max) {
        return required(field, value, value, max);
    }

    private ContentRules required(String field, String value, String stored, int max) {
        if (isBlank(value)) return add(field, "validation.required");
        if (hasNul(value)) return add(field, "validation.invalidCharacter");
        if (length(stored) > max) return add(field, "validation.tooLong");
        return this;
    }

    public ContentRules optionalText(String field, String value, int max) {
        if (value == null) return this;
        if (hasNul(value)) return add(field, "validation.invalidCharacter");
        if (length(value.strip()) > max) return add(field, "validation.tooLong");
        return this;
    }

    public ContentRules slug(String field, String value) {
        if (value == null || value.isBlank()) return add(field, "validation.required");
        if (!SLUG.matcher(value).matches()) return add(field, "validation.slug.invalid");
        return this;
    }

    public ContentRules known(String field, boolean known) {
        return known ? this : add(field, "validation.unknownValue");
    }

    public ContentRules add(String field, String key) {
        if (problems.stream().noneMatch(p -> p.field().equals(field))) problems.add(new FieldProblem(field, key));
        return this;
    }

    public void orThrow() {
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
    }

    /** Null, or text with no visible character: what {@link String#isBlank} misses (U+00A0, U+200B, ...) counts too. */
    public static boolean isBlank(String value) {
        return value == null || INVISIBLE.matcher(value).matches();
    }

    /** PostgreSQL's text cannot hold U+0000; other controls (tabs, line breaks) belong in Markdown. */
    private static boolean hasNul(String s) {
        return s.indexOf('\0') >= 0;
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
