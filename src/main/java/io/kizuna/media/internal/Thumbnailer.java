package io.kizuna.media.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.springframework.stereotype.Component;

/** Thumbnails at most 400 pixels on the long side: JPEG for opaque pictures, PNG where something is transparent. */
@Component
public class Thumbnailer {
    public static final int MAX_SIDE = 400;
    private static final float JPEG_QUALITY = 0.85f;

    public record Thumbnail(byte[] bytes, String contentType) {}

    /** Empty when the image is small enough to be its own thumbnail. */
    public Optional<Thumbnail> of(ImageInspector.Inspected image) {
        int longSide = Math.max(image.width(), image.height());
        if (longSide <= MAX_SIDE) return Optional.empty();
        int width = Math.max(1, (int) Math.round((double) image.width() * MAX_SIDE / longSide));
        int height = Math.max(1, (int) Math.round((double) image.height() * MAX_SIDE / longSide));
        var thumbnail = Orientation.apply(scale(image.preview(), width, height), image.orientation());
        return Optional.of(isOpaque(thumbnail) ? jpeg(thumbnail) : png(thumbnail));
    }

    /** Halves the picture step by step: one bilinear jump from a much larger picture would alias. */
    private static BufferedImage scale(BufferedImage src, int width, int height) {
        BufferedImage current = src;
        int w = src.getWidth();
        int h = src.getHeight();
        do {
            w = Math.max(width, w / 2);
            h = Math.max(height, h / 2);
            current = draw(current, w, h, BufferedImage.TYPE_INT_ARGB);
        } while (w != width || h != height);
        return current;
    }

    private static BufferedImage draw(BufferedImage src, int width, int height, int type) {
        var dst = new BufferedImage(width, height, type);
        Graphics2D g = dst.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return dst;
    }

    private static boolean isOpaque(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) >>> 24 != 0xFF) return false;
            }
        }
        return true;
    }

    private static Thumbnail jpeg(BufferedImage image) {
        var rgb = draw(image, image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
        var out = new ByteArrayOutputStream();
        try (var stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return new Thumbnail(out.toByteArray(), ImageFormat.JPEG.contentType());
    }

    private static Thumbnail png(BufferedImage image) {
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Thumbnail(out.toByteArray(), ImageFormat.PNG.contentType());
    }
}
