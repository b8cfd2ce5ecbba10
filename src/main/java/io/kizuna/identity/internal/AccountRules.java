package io.kizuna.identity.internal;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.InvalidInputException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Input rules for accounts. Messages are message keys ({@code validation.*}) so pages and the API translate them.
 * Lengths count characters (code points), so 50 Japanese characters fit in a 50-character display name.
 */
public final class AccountRules {
    public static final int MAX_EMAIL = 254;
    public static final int MIN_PASSWORD = 10;
    public static final int MAX_PASSWORD = 200;
    public static final int MAX_DISPLAY_NAME = 50;
    public static final int MAX_NAME_PART = 50;
    // no control characters: PostgreSQL cannot store U+0000, and none belongs in an address
    private static final Pattern EMAIL = Pattern.compile("^[^\\s\\p{Cntrl}@\"<>()\\[\\],;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");
    public static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_]{3,20}");
    private static final java.util.Set<String> RESERVED_HANDLES = java.util.Set.of("admin", "administrator", "staff", "moderator",
        "kizuna", "everyone", "here", "all", "system", "support");
    private static final Pattern KANA = Pattern.compile("^[\\p{InHiragana}\\p{InKatakana}ー・　 ]*$");

    private final List<FieldProblem> problems = new ArrayList<>();

    public static AccountRules check() {
        return new AccountRules();
    }

    public AccountRules email(String field, String email) {
        if (email == null || email.isBlank()) return add(field, "validation.required");
        if (email.strip().length() > MAX_EMAIL) return add(field, "validation.email.tooLong");
        if (!EMAIL.matcher(email.strip()).matches()) return add(field, "validation.email.invalid");
        return this;
    }

    public AccountRules password(String field, String password) {
        if (password == null || password.isEmpty()) return add(field, "validation.required");
        int n = password.codePointCount(0, password.length());
        if (n < MIN_PASSWORD) return add(field, "validation.password.tooShort");
        if (n > MAX_PASSWORD) return add(field, "validation.password.tooLong");
        return this;
    }

    public AccountRules displayName(String field, String name) {
        if (name == null || name.isBlank()) return add(field, "validation.required");
        String s = name.strip();
        if (s.codePointCount(0, s.length()) > MAX_DISPLAY_NAME) return add(field, "validation.displayName.tooLong");
        if (s.chars().anyMatch(Character::isISOControl)) return add(field, "validation.displayName.invalid");
        return this;
    }

    /** A handle for mentions: 3 to 20 letters, digits or underscores; a few words are kept for the system. */
    public AccountRules handle(String field, String value) {
        if (value == null || value.isBlank()) return add(field, "validation.required");
        if (!HANDLE.matcher(value.strip()).matches()) return add(field, "validation.handle.invalid");
        if (RESERVED_HANDLES.contains(value.strip().toLowerCase(java.util.Locale.ROOT))) return add(field, "validation.handle.reserved");
        return this;
    }

    public AccountRules namePart(String field, String value) {
        if (value == null || value.isBlank()) return this;
        String s = value.strip();
        if (s.codePointCount(0, s.length()) > MAX_NAME_PART) return add(field, "validation.name.tooLong");
        if (s.chars().anyMatch(Character::isISOControl)) return add(field, "validation.name.invalid");
        return this;
    }

    public AccountRules kana(String field, String value) {
        namePart(field, value);
        if (value != null && !value.isBlank() && !KANA.matcher(value.strip()).matches()) add(field, "validation.kana.invalid");
        return this;
    }

    public AccountRules add(String field, String messageKey) {
        if (problems.stream().noneMatch(p -> p.field().equals(field))) problems.add(new FieldProblem(field, messageKey));
        return this;
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    public void orThrow() {
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
    }

    /** Blank optional text becomes null; other text is trimmed. */
    public static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
