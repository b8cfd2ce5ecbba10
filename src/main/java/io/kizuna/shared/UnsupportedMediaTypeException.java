package io.kizuna.shared;

/** HTTP 415: the content is not of a type this endpoint takes (judged by the bytes, not by a name or header). */
public class UnsupportedMediaTypeException extends DomainException {
    public UnsupportedMediaTypeException(String detail) {
        super(415, "unsupported-media-type", detail);
    }
}
