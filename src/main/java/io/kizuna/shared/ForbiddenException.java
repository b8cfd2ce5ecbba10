package io.kizuna.shared;

/** HTTP 403: see {@link DomainException}. */
public class ForbiddenException extends DomainException {
    public ForbiddenException(String detail) {
        super(403, "forbidden", detail);
    }
}
