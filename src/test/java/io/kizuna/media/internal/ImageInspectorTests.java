package io.kizuna.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.media.TestImages;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.shared.UnsupportedMediaTypeException;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Images are judged by their bytes, refused before decoding when too large, and thumbnailed upright. */
class ImageInspectorTests {
    private final ImageInspector inspector = new ImageInspector();
    private final Thumbnailer thumbnailer = new Thumbnailer();

    @Test
    void namesAndDeclaredTypesDoNotMatterOnlyBytes() {
        assertThatThrownBy(() -> inspector.inspect("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(UnsupportedMediaTypeException.class);
        assertThatThrownBy(() -> inspector.inspect("<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(UnsupportedMediaTypeException.class);
        assertThatThrownBy(() -> inspector.inspect(new byte[0])).isInstanceOf(UnsupportedMediaTypeException.class);
    }

    @Test
    void refusesAPngHeaderFollowedByGarbage() {
        byte[] png = TestImages.encode(TestImages.picture(50, 50, Color.RED, false), "png");
        int idat = TestImages.indexOf(png, "IDAT");
        Arrays.fill(png, idat + 4, png.length - 12, (byte) 0x5A); // the compressed pixels become noise
        assertThatThrownBy(() -> inspector.inspect(png)).isInstanceOf(UnsupportedMediaTypeException.class);
    }

    @Test
    void refusesTooManyPixelsFromTheHeaderBeforeDecoding() {
        // given: a small PNG whose header claims 20000 × 20000
        byte[] png = TestImages.encode(TestImages.picture(10, 10, Color.RED, false), "png");
        ByteBuffer.wrap(png).putInt(16, 20_000).putInt(20, 20_000);
        var crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png).putInt(29, (int) crc.getValue());
        // when / then
        assertThatThrownBy(() -> inspector.inspect(png)).isInstanceOf(RuleRefusedException.class)
            .hasMessageContaining("20000 × 20000");
    }

    @Test
    void turnedPhotosReportTheirShownSizeAndGetUprightThumbnails() throws IOException {
        // given: stored 800 × 400, shown turned a quarter clockwise (orientation 6)
        var image = inspector.inspect(TestImages.jpegWithGps(800, 400, 6));
        // when
        var thumbnail = thumbnailer.of(image).orElseThrow();
        // then
        assertThat(image.displayWidth()).isEqualTo(400);
        assertThat(image.displayHeight()).isEqualTo(800);
        assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");
        var decoded = ImageIO.read(new ByteArrayInputStream(thumbnail.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(200);
        assertThat(decoded.getHeight()).isEqualTo(400);
    }

    @Test
    void transparentImagesGetPngThumbnailsAndSmallImagesAreTheirOwn() throws IOException {
        var translucent = inspector.inspect(TestImages.encode(TestImages.picture(1000, 500, Color.BLUE, true), "png"));
        var thumbnail = thumbnailer.of(translucent).orElseThrow();
        assertThat(thumbnail.contentType()).isEqualTo("image/png");
        var decoded = ImageIO.read(new ByteArrayInputStream(thumbnail.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(400);
        assertThat(decoded.getHeight()).isEqualTo(200);
        assertThat(decoded.getColorModel().hasAlpha()).isTrue();

        var small = inspector.inspect(TestImages.encode(TestImages.picture(400, 300, Color.BLUE, false), "png"));
        assertThat(thumbnailer.of(small)).isEmpty();
    }

    @Test
    void animatedGifThumbnailIsItsFirstFrame() throws IOException {
        var gif = inspector.inspect(TestImages.animatedGifWithXmp(800, 600));
        var decoded = ImageIO.read(new ByteArrayInputStream(thumbnailer.of(gif).orElseThrow().bytes()));
        assertThat(decoded.getWidth()).isEqualTo(400);
        var center = new Color(decoded.getRGB(200, 150));
        assertThat(center.getRed()).isGreaterThan(200);
        assertThat(center.getBlue()).isLessThan(50);
    }

    @Test
    void decodesWebp() throws IOException {
        var webp = inspector.inspect(MetadataStripperTests.webp());
        assertThat(webp.format()).isEqualTo(ImageFormat.WEBP);
        assertThat(webp.width()).isEqualTo(600);
        assertThat(thumbnailer.of(webp).orElseThrow().contentType()).isEqualTo("image/png");
    }
}
