package io.kizuna.web.internal;

import io.kizuna.shared.DomainException;

/** The request body is over the limit for its endpoint: HTTP 413. */
class PayloadTooLargeException extends DomainException {
    PayloadTooLargeException(long limit) {
        super(413, "payload-too-large", "The request body is larger than " + limit + " bytes.");
    }
}
