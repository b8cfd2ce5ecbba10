package io.kizuna.web;

/**
 * A larger request-body limit for one API path (the default is {@code kizuna.api.max-body-bytes}, 1 MB).
 * A module that takes big bodies, such as image uploads, declares one as a bean.
 */
public record BodySizeLimit(String path, long maxBytes) {}
