package io.kizuna.shared;

/** HTTP 404: see {@link DomainException}. */
public class NotFoundException extends DomainException {
    public NotFoundException(String detail) {
        super(404, "not-found", detail);
    }
}
