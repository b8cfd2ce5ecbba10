package io.kizuna.shared;

/** HTTP 409: the request clashes with the current state (a taken email, a locked thread, no stock). */
public class ConflictException extends DomainException {
    public ConflictException(String slug, String detail) {
        super(409, slug, detail);
    }
}
