package io.kizuna.store.internal;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.InvalidInputException.FieldProblem;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Input rules for the store, collecting every refused field before anything is written. Messages are keys
 * ({@code validation.*}) translated by the web layer. Japanese input is NFKC-normalised first, so full-width
 * digits and hyphens in postal codes and phone numbers are accepted.
 */
public final class StoreRules {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?");
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern POSTAL = Pattern.compile("(\\d{3})-?(\\d{4})");
    private static final Pattern PHONE = Pattern.compile("0[0-9-]+");
    private static final Pattern MEDIA = Pattern.compile("/media/[A-Za-z0-9_-]{10,64}");
    private static final Pattern INVOICE = Pattern.compile("T\\d{13}");

    private final List<FieldProblem> problems = new ArrayList<>();

    public static StoreRules check() {
        return new StoreRules();
    }

    public StoreRules text(String field, String value, int max) {
        if (value == null || value.isBlank()) return add(field, "validation.required");
        return optionalText(field, value, max);
    }

    public StoreRules optionalText(String field, String value, int max) {
        if (value != null && value.strip().codePointCount(0, value.strip().length()) > max) return add(field, "validation.tooLong");
        return this;
    }

    public StoreRules slug(String field, String value) {
        if (value == null || value.isBlank()) return add(field, "validation.required");
        return SLUG.matcher(value).matches() ? this : add(field, "validation.slug.invalid");
    }

    public StoreRules sku(String field, String value) {
        if (value == null || value.isBlank()) return add(field, "validation.required");
        return SKU.matcher(value).matches() ? this : add(field, "validation.store.sku");
    }

    public StoreRules known(String field, boolean known) {
        return known ? this : add(field, "validation.unknownValue");
    }

    /** A whole number in {@code [min, max]}: fractions, text and out-of-range values are refused, not rounded. */
    public StoreRules whole(String field, BigDecimal value, long min, long max, boolean required) {
        if (value == null) return required ? add(field, "validation.required") : this;
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) return add(field, "validation.store.wholeNumber");
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            return add(field, "validation.store.range");
        }
        return this;
    }

    public StoreRules mediaUrl(String field, String value) {
        return value != null && MEDIA.matcher(value).matches() ? this : add(field, "validation.store.image");
    }

    public StoreRules invoiceNumber(String field, String value) {
        if (value == null || value.isBlank()) return this;
        return INVOICE.matcher(value.strip()).matches() ? this : add(field, "validation.store.invoiceNumber");
    }

    public StoreRules postalCode(String field, String value) {
        if (value == null || value.isBlank()) return add(field, "validation.required");
        return normalizePostalCode(value) != null ? this : add(field, "validation.store.postalCode");
    }

    public StoreRules phone(String field, String value) {
        if (value == null || value.isBlank()) return add(field, "validation.required");
        return normalizePhone(value) != null ? this : add(field, "validation.store.phone");
    }

    public StoreRules add(String field, String key) {
        if (problems.stream().noneMatch(p -> p.field().equals(field))) problems.add(new FieldProblem(field, key));
        return this;
    }

    public boolean failed(String field) {
        return problems.stream().anyMatch(p -> p.field().equals(field));
    }

    public void orThrow() {
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
    }

    /**
     * An optional time: ISO-8601 with offset, or without one (as a page's {@code datetime-local} sends it) meaning Japan
     * time. A refusal is recorded on {@code field}; null when absent or refused.
     */
    public static java.time.OffsetDateTime time(StoreRules rules, String field, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return java.time.OffsetDateTime.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(value.strip()).atZone(java.time.ZoneId.of("Asia/Tokyo")).toOffsetDateTime();
            } catch (java.time.format.DateTimeParseException again) {
                rules.add(field, "validation.invalidTime");
                return null;
            }
        }
    }

    /** {@code NNN-NNNN} from {@code NNN-NNNN}, {@code NNNNNNN} or their full-width forms; null when it is neither. */
    public static String normalizePostalCode(String value) {
        var m = POSTAL.matcher(nfkc(value).replace('ー', '-').replace('−', '-'));
        return m.matches() ? m.group(1) + "-" + m.group(2) : null;
    }

    /** A Japanese phone number: digits and hyphens, starting with 0, 10 or 11 digits; null otherwise. */
    public static String normalizePhone(String value) {
        String v = nfkc(value).replace('ー', '-').replace('−', '-');
        if (!PHONE.matcher(v).matches() || v.contains("--") || v.endsWith("-")) return null;
        long digits = v.chars().filter(Character::isDigit).count();
        return digits == 10 || digits == 11 ? v : null;
    }

    private static String nfkc(String s) {
        return Normalizer.normalize(s.strip(), Normalizer.Form.NFKC);
    }
}
