package io.kizuna.media;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadataNode;

/** Real images for tests, made with ImageIO, with location metadata added the way cameras and editors write it. */
public final class TestImages {
    /** Text that only the GPS data and the XMP of these images hold: it must never reach a stored file. */
    public static final String SECRET_PLACE = "KIZUNA-SECRET-PLACE";
    public static final String CAMERA = "KizunaCam";

    private TestImages() {}

    public static BufferedImage picture(int width, int height, Color color, boolean translucent) {
        var image = new BufferedImage(width, height, translucent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        if (translucent) {
            g.setComposite(java.awt.AlphaComposite.Clear);
            g.fillRect(0, 0, width / 4, height / 4);
        }
        g.dispose();
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) {
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) throw new IllegalStateException("no writer for " + format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG whose EXIF holds a camera name, an orientation and a GPS position, followed by an XMP packet with GPS too. */
    public static byte[] jpegWithGps(int width, int height, int orientation) {
        byte[] plain = encode(picture(width, height, new Color(30, 140, 90), false), "jpeg");
        var out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        writeSegment(out, 0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiffWithGps(orientation)));
        writeSegment(out, 0xE1, concat("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1), xmpWithGps()));
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /** A PNG with an {@code eXIf} chunk (GPS) and an XMP {@code iTXt} chunk (GPS), before {@code IEND}. */
    public static byte[] pngWithGps(BufferedImage image) {
        byte[] plain = encode(image, "png");
        int iend = plain.length - 12;
        var out = new ByteArrayOutputStream();
        out.write(plain, 0, iend);
        writeChunk(out, "eXIf", tiffWithGps(1));
        writeChunk(out, "iTXt", concat("XML:com.adobe.xmp\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1), xmpWithGps()));
        out.write(plain, iend, 12);
        return out.toByteArray();
    }

    /** A two-frame animated GIF, red then blue, with an XMP application extension that holds a location. */
    public static byte[] animatedGifWithXmp(int width, int height) {
        var writer = ImageIO.getImageWritersByFormatName("gif").next();
        var out = new ByteArrayOutputStream();
        try (var stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (Color c : new Color[] {Color.RED, Color.BLUE}) {
                var image = picture(width, height, c, false);
                var type = ImageTypeSpecifier.createFromRenderedImage(image);
                var metadata = writer.getDefaultImageMetadata(type, null);
                var root = (IIOMetadataNode) metadata.getAsTree(metadata.getNativeMetadataFormatName());
                var control = new IIOMetadataNode("GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", "50");
                control.setAttribute("transparentColorIndex", "0");
                root.appendChild(control);
                metadata.setFromTree(metadata.getNativeMetadataFormatName(), root);
                writer.writeToSequence(new IIOImage(image, null, metadata), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] gif = out.toByteArray();
        var withXmp = new ByteArrayOutputStream();
        withXmp.write(gif, 0, gif.length - 1);
        withXmp.writeBytes(new byte[] {0x21, (byte) 0xFF, 11});
        withXmp.writeBytes("XMP DataXMP".getBytes(StandardCharsets.ISO_8859_1));
        byte[] xmp = xmpWithGps();
        for (int p = 0; p < xmp.length; p += 255) {
            int n = Math.min(255, xmp.length - p);
            withXmp.write(n);
            withXmp.write(xmp, p, n);
        }
        withXmp.write(0);
        withXmp.write(0x3B);
        return withXmp.toByteArray();
    }

    /** The TIFF structure of an EXIF block (big-endian): IFD0 with Make, Orientation and the GPS pointer; the GPS IFD. */
    public static byte[] tiffWithGps(int orientation) {
        var b = ByteBuffer.allocate(256);
        b.put("MM".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 42).putInt(8);
        int ifd0 = 8;
        int make = ifd0 + 2 + 3 * 12 + 4;                       // 50
        int gps = make + 10;                                    // 60
        int latitude = gps + 2 + 5 * 12 + 4;                    // 126
        int longitude = latitude + 24;                          // 150
        int area = longitude + 24;                              // 174
        byte[] areaText = ("ASCII\0\0\0" + SECRET_PLACE).getBytes(StandardCharsets.ISO_8859_1);
        b.putShort((short) 3);
        entry(b, 0x010F, 2, CAMERA.length() + 1, make);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        entry(b, 0x8825, 4, 1, gps);
        b.putInt(0);
        b.put((CAMERA + "\0").getBytes(StandardCharsets.ISO_8859_1));
        b.position(gps);
        b.putShort((short) 5);
        b.putShort((short) 0x0001).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        entry(b, 0x0002, 5, 3, latitude);
        b.putShort((short) 0x0003).putShort((short) 2).putInt(2).put((byte) 'E').put((byte) 0).putShort((short) 0);
        entry(b, 0x0004, 5, 3, longitude);
        entry(b, 0x001C, 7, areaText.length, area);
        b.putInt(0);
        b.putInt(35).putInt(1).putInt(39).putInt(1).putInt(2940).putInt(100);
        b.putInt(139).putInt(1).putInt(44).putInt(1).putInt(2760).putInt(100);
        b.put(areaText);
        byte[] tiff = new byte[b.position()];
        b.flip().get(tiff);
        return tiff;
    }

    /** The GPS latitude as it is stored in {@link #tiffWithGps}: three big-endian rationals. */
    public static byte[] latitudeBytes() {
        return ByteBuffer.allocate(24).putInt(35).putInt(1).putInt(39).putInt(1).putInt(2940).putInt(100).array();
    }

    public static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    public static boolean contains(byte[] haystack, String text) {
        return contains(haystack, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] xmpWithGps() {
        return ("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"35,39.49N\" "
            + "exif:GPSAreaInformation=\"" + SECRET_PLACE + "\"/></rdf:RDF></x:xmpmeta>").getBytes(StandardCharsets.UTF_8);
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int offset) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(offset);
    }

    private static void writeSegment(ByteArrayOutputStream out, int marker, byte[] data) {
        out.write(0xFF);
        out.write(marker);
        out.write((data.length + 2) >> 8);
        out.write(data.length + 2);
        out.writeBytes(data);
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    public static int indexOf(byte[] haystack, String text) {
        byte[] needle = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) return i;
        }
        throw new AssertionError(text + " not found");
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
