package io.kizuna.media.internal;

import static io.kizuna.media.internal.ImageFormat.ascii;
import static io.kizuna.media.internal.ImageFormat.startsWith;
import static io.kizuna.media.internal.MetadataStripper.malformed;

import java.io.ByteArrayOutputStream;

/** GIF: drops the XMP application extension (which can carry a location) and whatever follows the trailer. */
final class GifMetadata {
    private static final int HEADER_AND_SCREEN = 13;
    private static final int EXTENSION = 0x21;
    private static final int IMAGE = 0x2C;
    private static final int TRAILER = 0x3B;
    private static final int APPLICATION = 0xFF;
    private static final byte[] XMP_APPLICATION = ascii("\u000BXMP DataXMP");

    private GifMetadata() {}

    static byte[] strip(byte[] in) {
        if (in.length < HEADER_AND_SCREEN) throw malformed(ImageFormat.GIF);
        int p = HEADER_AND_SCREEN + colorTableSize(in[10]);
        if (p > in.length) throw malformed(ImageFormat.GIF);
        var out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, p);
        while (true) {
            if (p >= in.length) throw malformed(ImageFormat.GIF);
            int start = p;
            int block = in[p] & 0xFF;
            if (block == TRAILER) {
                out.write(TRAILER);
                return out.toByteArray();
            } else if (block == EXTENSION) {
                if (in.length - p < 2) throw malformed(ImageFormat.GIF);
                p = afterSubBlocks(in, p + 2);
                boolean xmp = (in[start + 1] & 0xFF) == APPLICATION && startsWith(in, start + 2, XMP_APPLICATION);
                if (!xmp) out.write(in, start, p - start);
            } else if (block == IMAGE) {
                if (in.length - p < 10) throw malformed(ImageFormat.GIF);
                p = afterSubBlocks(in, p + 10 + colorTableSize(in[p + 9]) + 1); // + the LZW minimum code size
                out.write(in, start, p - start);
            } else {
                throw malformed(ImageFormat.GIF);
            }
        }
    }

    private static int colorTableSize(byte packed) {
        return (packed & 0x80) == 0 ? 0 : 3 << ((packed & 0x07) + 1);
    }

    /** Data sub-blocks: a length byte, that many bytes, until a zero length. */
    private static int afterSubBlocks(byte[] in, int p) {
        while (true) {
            if (p >= in.length) throw malformed(ImageFormat.GIF);
            int length = in[p] & 0xFF;
            p += 1 + length;
            if (length == 0) return p;
        }
    }
}
