package io.kizuna.media.internal;

import static io.kizuna.media.internal.MetadataStripper.malformed;
import static io.kizuna.media.internal.MetadataStripper.u32le;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** WebP: drops the {@code EXIF} and {@code XMP } chunks, clears their flags in {@code VP8X} and fixes the RIFF size. */
final class WebpMetadata {
    private static final int HEADER = 12; // "RIFF", size, "WEBP"
    private static final int EXIF_FLAG = 0x08;
    private static final int XMP_FLAG = 0x04;

    private WebpMetadata() {}

    static byte[] strip(byte[] in) {
        if (in.length < HEADER) throw malformed(ImageFormat.WEBP);
        long riffSize = u32le(in, 4);
        if (riffSize < 4 || riffSize > in.length - 8) throw malformed(ImageFormat.WEBP);
        int end = 8 + (int) riffSize;
        var out = new ByteArrayOutputStream(end);
        out.write(in, 0, HEADER);
        int p = HEADER;
        while (p < end) {
            if (end - p < 8) throw malformed(ImageFormat.WEBP);
            String fourcc = new String(in, p, 4, StandardCharsets.ISO_8859_1);
            long size = u32le(in, p + 4);
            if (size > end - p - 8) throw malformed(ImageFormat.WEBP);
            int chunkEnd = (int) Math.min(end, p + 8 + size + (size & 1)); // chunks are padded to an even size
            if (fourcc.equals("VP8X") && size > 0) {
                out.write(in, p, 8);
                out.write(in[p + 8] & ~(EXIF_FLAG | XMP_FLAG));
                out.write(in, p + 9, chunkEnd - p - 9);
            } else if (!fourcc.equals("EXIF") && !fourcc.equals("XMP ")) {
                out.write(in, p, chunkEnd - p);
            }
            p = chunkEnd;
        }
        byte[] result = out.toByteArray();
        int newSize = result.length - 8;
        for (int i = 0; i < 4; i++) result[4 + i] = (byte) (newSize >>> (8 * i));
        return result;
    }
}
