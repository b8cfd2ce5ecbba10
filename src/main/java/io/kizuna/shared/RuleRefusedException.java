package io.kizuna.shared;

/** HTTP 422: the input is well-formed but a business rule refuses it; the detail says which. */
public class RuleRefusedException extends DomainException {
    public RuleRefusedException(String slug, String detail) {
        super(422, slug, detail);
    }
}
