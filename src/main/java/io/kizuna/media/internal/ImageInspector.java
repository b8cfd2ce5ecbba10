package io.kizuna.media.internal;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import io.kizuna.shared.RuleRefusedException;
import io.kizuna.shared.UnsupportedMediaTypeException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.springframework.stereotype.Component;

/**
 * Decides whether uploaded bytes are an image Kizuna takes: the type from the magic bytes, the size from the header
 * (so a decompression bomb is refused before any pixel is decoded), location metadata stripped, and the first frame
 * decoded, subsampled to little more than a thumbnail needs.
 */
@Component
public class ImageInspector {
    public static final int MAX_SIDE = 10_000;
    public static final long MAX_PIXELS = 40_000_000;

    /** An accepted image: stripped bytes, size as stored (before orientation), EXIF orientation, and a small decoded copy. */
    public record Inspected(ImageFormat format, byte[] bytes, int width, int height, int orientation, BufferedImage preview) {
        /** The size as shown: orientations 5 to 8 turn the picture by a quarter. */
        public int displayWidth() {
            return orientation >= 5 ? height : width;
        }

        public int displayHeight() {
            return orientation >= 5 ? width : height;
        }
    }

    public Inspected inspect(byte[] data) {
        var format = ImageFormat.sniff(data)
            .orElseThrow(() -> new UnsupportedMediaTypeException("Only JPEG, PNG, WebP and GIF images can be uploaded."));
        var stripped = MetadataStripper.strip(format, data);
        var reader = readerFor(format);
        try {
            reader.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(stripped.bytes())), true, true);
            int width = undecodable(format, () -> reader.getWidth(0));
            int height = undecodable(format, () -> reader.getHeight(0));
            refuseOversized(width, height);
            var param = reader.getDefaultReadParam();
            subsampleForThumbnail(param, Math.max(width, height));
            BufferedImage preview = undecodable(format, () -> reader.read(0, param));
            return new Inspected(format, stripped.bytes(), width, height, stripped.orientation(), preview);
        } finally {
            reader.dispose();
        }
    }

    private static void refuseOversized(int width, int height) {
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw new RuleRefusedException("image-too-large", "The image is " + width + " × " + height + " pixels; the most is "
                + MAX_SIDE + " pixels a side and " + MAX_PIXELS / 1_000_000 + " megapixels.");
        }
    }

    /** Decoding every pixel of a large photo only to shrink it costs memory; twice the thumbnail size keeps it smooth. */
    private static void subsampleForThumbnail(ImageReadParam param, int longSide) {
        int step = Math.max(1, longSide / (2 * Thumbnailer.MAX_SIDE));
        param.setSourceSubsampling(step, step, 0, 0);
    }

    private interface Decoding<T> {
        T run() throws IOException;
    }

    /** Image decoders fail on hostile input in many ways (IOException, index and state errors): all of them mean 415. */
    private static <T> T undecodable(ImageFormat format, Decoding<T> decoding) {
        try {
            return decoding.run();
        } catch (IOException | RuntimeException e) {
            throw new UnsupportedMediaTypeException("The file could not be decoded as a " + format.displayName() + " image.");
        }
    }

    private static ImageReader readerFor(ImageFormat format) {
        // WebP comes from a library: asked for directly, it does not depend on which class loader filled ImageIO's registry
        if (format == ImageFormat.WEBP) return new WebPImageReaderSpi().createReaderInstance(null);
        var readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
        if (!readers.hasNext()) throw new IllegalStateException("No ImageIO reader for " + format);
        return readers.next();
    }
}
