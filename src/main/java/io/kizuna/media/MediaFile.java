package io.kizuna.media;

/** One servable file of an upload (the original or its thumbnail): where its bytes are, its type and its ETag. */
public record MediaFile(String blobKey, String contentType, String etag) {}
