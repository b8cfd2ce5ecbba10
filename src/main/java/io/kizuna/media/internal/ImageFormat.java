package io.kizuna.media.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The image types Kizuna takes, recognised by their first bytes only: names and declared types can lie. */
public enum ImageFormat {
    JPEG("image/jpeg", "JPEG"), PNG("image/png", "PNG"), GIF("image/gif", "GIF"), WEBP("image/webp", "WebP");

    private static final byte[] JPEG_SOI = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private final String contentType;
    private final String displayName;

    ImageFormat(String contentType, String displayName) {
        this.contentType = contentType;
        this.displayName = displayName;
    }

    public String contentType() {
        return contentType;
    }

    public String displayName() {
        return displayName;
    }

    public static Optional<ImageFormat> sniff(byte[] data) {
        if (startsWith(data, 0, JPEG_SOI)) return Optional.of(JPEG);
        if (startsWith(data, 0, PNG_SIGNATURE)) return Optional.of(PNG);
        if (startsWith(data, 0, ascii("GIF87a")) || startsWith(data, 0, ascii("GIF89a"))) return Optional.of(GIF);
        if (startsWith(data, 0, ascii("RIFF")) && startsWith(data, 8, ascii("WEBP"))) return Optional.of(WEBP);
        return Optional.empty();
    }

    static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (offset < 0 || data.length - offset < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) return false;
        }
        return true;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
