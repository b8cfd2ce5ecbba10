package io.kizuna.shared;

/**
 * An expected failure with its HTTP meaning; the web layer turns it into problem+json or an error page.
 * {@code slug} ends the problem {@code type} URI (for example {@code out-of-stock}).
 */
public abstract class DomainException extends RuntimeException {
    private final int status;
    private final String slug;

    protected DomainException(int status, String slug, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }
}
