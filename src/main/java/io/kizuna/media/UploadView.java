package io.kizuna.media;

/** An accepted upload as the API shows it; {@code url} and {@code thumbnailUrl} are paths on this server. */
public record UploadView(String id, String url, String thumbnailUrl, String contentType, int width, int height, long bytes) {}
