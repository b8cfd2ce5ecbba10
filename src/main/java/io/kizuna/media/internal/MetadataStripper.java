package io.kizuna.media.internal;

import io.kizuna.shared.UnsupportedMediaTypeException;

/**
 * Removes location-bearing metadata (EXIF GPS, XMP) from an image without re-encoding it, so its quality is untouched.
 * Walking the container also checks its structure: a chunk or segment that runs past the end is refused with 415.
 */
final class MetadataStripper {

    /** The cleaned bytes and the EXIF orientation (1 to 8; 1 when there is none) that the kept EXIF still carries. */
    record Stripped(byte[] bytes, int orientation) {}

    private MetadataStripper() {}

    static Stripped strip(ImageFormat format, byte[] data) {
        return switch (format) {
            case JPEG -> JpegMetadata.strip(data);
            case PNG -> new Stripped(PngMetadata.strip(data), 1);
            case GIF -> new Stripped(GifMetadata.strip(data), 1);
            case WEBP -> new Stripped(WebpMetadata.strip(data), 1);
        };
    }

    static UnsupportedMediaTypeException malformed(ImageFormat format) {
        return new UnsupportedMediaTypeException("The file is not a well-formed " + format.displayName() + " image.");
    }

    static int u16be(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | b[p + 1] & 0xFF;
    }

    static long u32be(byte[] b, int p) {
        return (long) u16be(b, p) << 16 | u16be(b, p + 2);
    }

    static long u32le(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }
}
