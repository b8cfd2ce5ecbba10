package io.kizuna.shared;

/** HTTP 403: see {@link DomainException}. */
public class ForbiddenException extends DomainException {
    public ForbiddenException(String detail) {
        super(403, "forbidden", detail);
    }

    /** A 403 whose problem {@code type} names the reason (for example {@code suspended}), so clients can act on it. */
    public ForbiddenException(String slug, String detail) {
        super(403, slug, detail);
    }
}
