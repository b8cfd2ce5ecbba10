package io.kizuna.shared;

/** HTTP 401: see {@link DomainException}. */
public class UnauthorizedException extends DomainException {
    public UnauthorizedException(String detail) {
        super(401, "unauthorized", detail);
    }
}
