package io.kizuna.media.internal;

import static io.kizuna.media.internal.MetadataStripper.malformed;
import static io.kizuna.media.internal.MetadataStripper.u32be;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * PNG: drops the {@code eXIf} chunk and text chunks that hold XMP ({@code XML:com.adobe.xmp}) or ImageMagick's copies of
 * EXIF, XMP and IPTC ({@code Raw profile type …}); drops whatever follows {@code IEND}.
 */
final class PngMetadata {
    private static final int SIGNATURE = 8;
    private static final Set<String> TEXT_CHUNKS = Set.of("tEXt", "zTXt", "iTXt");

    private PngMetadata() {}

    static byte[] strip(byte[] in) {
        var out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, SIGNATURE);
        int p = SIGNATURE;
        while (true) {
            if (in.length - p < 12) throw malformed(ImageFormat.PNG);
            long length = u32be(in, p);
            if (length > in.length - p - 12) throw malformed(ImageFormat.PNG);
            String type = new String(in, p + 4, 4, StandardCharsets.ISO_8859_1);
            int total = 12 + (int) length;
            if (!carriesLocation(type, in, p + 8, (int) length)) out.write(in, p, total);
            p += total;
            if (type.equals("IEND")) return out.toByteArray();
        }
    }

    private static boolean carriesLocation(String type, byte[] in, int data, int length) {
        if (type.equals("eXIf")) return true;
        if (!TEXT_CHUNKS.contains(type)) return false;
        String keyword = keyword(in, data, length);
        return keyword.equals("XML:com.adobe.xmp") || keyword.startsWith("Raw profile type");
    }

    /** The Latin-1 keyword that opens every text chunk, ended by a NUL (at most 79 characters). */
    private static String keyword(byte[] in, int data, int length) {
        int end = data;
        while (end < data + Math.min(length, 80) && in[end] != 0) end++;
        return new String(in, data, end - data, StandardCharsets.ISO_8859_1);
    }
}
