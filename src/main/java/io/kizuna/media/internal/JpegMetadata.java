package io.kizuna.media.internal;

import static io.kizuna.media.internal.ImageFormat.ascii;
import static io.kizuna.media.internal.ImageFormat.startsWith;
import static io.kizuna.media.internal.MetadataStripper.malformed;
import static io.kizuna.media.internal.MetadataStripper.u16be;

import io.kizuna.media.internal.MetadataStripper.Stripped;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * JPEG: keeps EXIF but erases its GPS data (the orientation stays, so browsers still turn photos upright), drops XMP
 * and Photoshop (APP13) segments, which can carry a location too, and drops whatever follows the end of the image
 * (Multi-Picture secondary images, with their own EXIF) together with the MPF index that points at them.
 */
final class JpegMetadata {
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;
    private static final int APP13 = 0xED;
    private static final byte[] EXIF = ascii("Exif\0\0");
    private static final byte[] MPF = ascii("MPF\0");

    private JpegMetadata() {}

    static Stripped strip(byte[] in) {
        var out = new ByteArrayOutputStream(in.length);
        out.write(0xFF);
        out.write(SOI);
        int orientation = 0;
        int p = 2;
        boolean inScan = false;
        while (p < in.length) {
            if (inScan) {
                int start = p;
                p = scanEnd(in, p);
                out.write(in, start, p - start);
                inScan = false;
                continue;
            }
            if ((in[p] & 0xFF) != 0xFF) throw malformed(ImageFormat.JPEG);
            while (p < in.length && (in[p] & 0xFF) == 0xFF) p++; // fill bytes before a marker
            if (p >= in.length) throw malformed(ImageFormat.JPEG);
            int marker = in[p++] & 0xFF;
            if (marker == EOI) {
                out.write(0xFF);
                out.write(EOI);
                break;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // TEM and restart markers stand alone
                out.write(0xFF);
                out.write(marker);
                continue;
            }
            if (in.length - p < 2) throw malformed(ImageFormat.JPEG);
            int length = u16be(in, p);
            if (length < 2 || length > in.length - p) throw malformed(ImageFormat.JPEG);
            byte[] segment = Arrays.copyOfRange(in, p, p + length);
            p += length;
            if (marker == APP1 && startsWith(segment, 2, EXIF)) {
                try {
                    int found = ExifGps.eraseGps(segment, 2 + EXIF.length, segment.length);
                    if (orientation == 0) orientation = found;
                } catch (ExifGps.MalformedExif e) {
                    continue; // an EXIF block we cannot read safely goes whole
                }
            } else if (marker == APP1 || marker == APP13 || (marker == APP2 && startsWith(segment, 2, MPF))) {
                continue;
            }
            out.write(0xFF);
            out.write(marker);
            out.writeBytes(segment);
            if (marker == SOS) inScan = true;
        }
        return new Stripped(out.toByteArray(), orientation == 0 ? 1 : orientation);
    }

    /** Entropy-coded data runs to the next marker; FF 00 is an escaped FF and FF D0..D7 are restart markers. */
    private static int scanEnd(byte[] in, int p) {
        while (p < in.length - 1) {
            if ((in[p] & 0xFF) == 0xFF) {
                int next = in[p + 1] & 0xFF;
                if (next != 0x00 && (next < 0xD0 || next > 0xD7)) return p;
            }
            p++;
        }
        return in.length;
    }
}
