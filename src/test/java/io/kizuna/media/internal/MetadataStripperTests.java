package io.kizuna.media.internal;

import static io.kizuna.media.TestImages.CAMERA;
import static io.kizuna.media.TestImages.SECRET_PLACE;
import static io.kizuna.media.TestImages.contains;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.media.TestImages;
import io.kizuna.shared.UnsupportedMediaTypeException;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Location metadata leaves every image type; the picture itself is untouched and still decodes. */
class MetadataStripperTests {

    @Test
    void jpegKeepsExifOrientationAndCameraButLosesGpsAndXmp() throws IOException {
        // given
        byte[] original = TestImages.jpegWithGps(640, 480, 6);
        assertThat(contains(original, SECRET_PLACE)).isTrue();
        // when
        var stripped = MetadataStripper.strip(ImageFormat.JPEG, original);
        // then
        byte[] bytes = stripped.bytes();
        assertThat(contains(bytes, SECRET_PLACE)).isFalse();
        assertThat(contains(bytes, TestImages.latitudeBytes())).isFalse();
        assertThat(contains(bytes, "GPSLatitude")).isFalse();
        assertThat(contains(bytes, "http://ns.adobe.com/xap/1.0/")).isFalse();
        assertThat(contains(bytes, CAMERA)).isTrue();
        assertThat(stripped.orientation()).isEqualTo(6);
        assertThat(ifd0Tags(bytes)).containsExactly(0x010F, 0x0112);
        var decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(decoded.getWidth()).isEqualTo(640);
        assertThat(decoded.getHeight()).isEqualTo(480);
    }

    @Test
    void jpegWithUnreadableExifLosesTheWholeBlock() throws IOException {
        // given: an EXIF block whose TIFF header is neither II nor MM
        byte[] original = TestImages.jpegWithGps(64, 64, 1);
        int exif = TestImages.indexOf(original, "Exif\0\0") + 6;
        original[exif] = 'X';
        // when
        var stripped = MetadataStripper.strip(ImageFormat.JPEG, original);
        // then
        assertThat(contains(stripped.bytes(), "Exif\0\0")).isFalse();
        assertThat(contains(stripped.bytes(), SECRET_PLACE)).isFalse();
        assertThat(stripped.orientation()).isEqualTo(1);
        assertThat(ImageIO.read(new ByteArrayInputStream(stripped.bytes()))).isNotNull();
    }

    @Test
    void jpegDropsWhatFollowsTheEndOfTheImage() {
        byte[] original = TestImages.jpegWithGps(64, 64, 1);
        byte[] trailing = TestImages.concat(original, TestImages.jpegWithGps(32, 32, 1));
        assertThat(MetadataStripper.strip(ImageFormat.JPEG, trailing).bytes())
            .isEqualTo(MetadataStripper.strip(ImageFormat.JPEG, original).bytes());
    }

    @Test
    void pngLosesExifAndXmpChunks() throws IOException {
        byte[] original = TestImages.pngWithGps(TestImages.picture(120, 80, Color.ORANGE, true));
        byte[] bytes = MetadataStripper.strip(ImageFormat.PNG, original).bytes();
        assertThat(contains(bytes, SECRET_PLACE)).isFalse();
        assertThat(contains(bytes, "eXIf")).isFalse();
        assertThat(contains(bytes, "XML:com.adobe.xmp")).isFalse();
        assertThat(ImageIO.read(new ByteArrayInputStream(bytes)).getWidth()).isEqualTo(120);
    }

    @Test
    void gifLosesXmpAndKeepsItsFrames() throws IOException {
        byte[] original = TestImages.animatedGifWithXmp(100, 50);
        byte[] bytes = MetadataStripper.strip(ImageFormat.GIF, original).bytes();
        assertThat(contains(original, SECRET_PLACE)).isTrue();
        assertThat(contains(bytes, SECRET_PLACE)).isFalse();
        assertThat(contains(bytes, "XMP DataXMP")).isFalse();
        var reader = ImageIO.getImageReadersByFormatName("gif").next();
        reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(bytes)));
        assertThat(reader.getNumImages(true)).isEqualTo(2);
    }

    @Test
    void webpLosesExifAndXmpChunksAndTheirFlags() throws IOException {
        byte[] original = webpWithExif();
        assertThat(contains(original, "XMP ")).isTrue();
        assertThat(contains(original, SECRET_PLACE)).isTrue();
        assertThat(original[20] & 0x0C).isEqualTo(0x0C);
        byte[] bytes = MetadataStripper.strip(ImageFormat.WEBP, original).bytes();
        assertThat(contains(bytes, "XMP ")).isFalse();
        assertThat(contains(bytes, "EXIF")).isFalse();
        assertThat(contains(bytes, SECRET_PLACE)).isFalse();
        assertThat(contains(bytes, "GPSLatitude")).isFalse();
        assertThat(bytes[20] & 0x0C).isZero(); // VP8X flags: neither EXIF nor XMP
        assertThat(MetadataStripper.u32le(bytes, 4)).isEqualTo(bytes.length - 8);
        var decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(decoded.getWidth()).isEqualTo(600);
        assertThat(decoded.getHeight()).isEqualTo(300);
    }

    @Test
    void refusesContainersWhoseChunksRunPastTheEnd() {
        byte[] png = TestImages.encode(TestImages.picture(10, 10, Color.RED, false), "png");
        png[8] = 0x7F; // IHDR claims two gigabytes
        assertThatThrownBy(() -> MetadataStripper.strip(ImageFormat.PNG, png)).isInstanceOf(UnsupportedMediaTypeException.class);
        byte[] gif = TestImages.animatedGifWithXmp(10, 10);
        byte[] truncated = java.util.Arrays.copyOf(gif, gif.length / 2);
        assertThatThrownBy(() -> MetadataStripper.strip(ImageFormat.GIF, truncated)).isInstanceOf(UnsupportedMediaTypeException.class);
    }

    /** The test WebP (which has XMP) with an EXIF chunk holding GPS added after its image data, as webpmux writes it. */
    private static byte[] webpWithExif() throws IOException {
        byte[] tiff = TestImages.tiffWithGps(1);
        var chunk = java.nio.ByteBuffer.allocate(8 + tiff.length + (tiff.length & 1)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        chunk.put("EXIF".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).putInt(tiff.length).put(tiff);
        byte[] webp = TestImages.concat(webp(), chunk.array());
        java.nio.ByteBuffer.wrap(webp).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, webp.length - 8);
        webp[20] |= 0x08;
        return webp;
    }

    static byte[] webp() throws IOException {
        try (var in = MetadataStripperTests.class.getResourceAsStream("/media/translucent-with-xmp.webp")) {
            return in.readAllBytes();
        }
    }

    /** The tags of IFD0 in the (big-endian) EXIF block of a JPEG. */
    private static List<Integer> ifd0Tags(byte[] jpeg) {
        int tiff = TestImages.indexOf(jpeg, "Exif\0\0") + 6;
        int ifd0 = tiff + MetadataStripper.u16be(jpeg, tiff + 6);
        var tags = new ArrayList<Integer>();
        for (int i = 0; i < MetadataStripper.u16be(jpeg, ifd0); i++) tags.add(MetadataStripper.u16be(jpeg, ifd0 + 2 + 12 * i));
        return tags;
    }
}
