package io.kizuna.shared;

/** HTTP 413: the request body is over the limit for its endpoint. */
public class PayloadTooLargeException extends DomainException {
    public PayloadTooLargeException(long limit) {
        super(413, "payload-too-large", "The request body is larger than " + limit + " bytes.");
    }
}
