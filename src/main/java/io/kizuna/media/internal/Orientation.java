package io.kizuna.media.internal;

import java.awt.image.BufferedImage;

/** Turns pixels upright by their EXIF orientation (1 to 8), because generated thumbnails carry no EXIF of their own. */
final class Orientation {
    private Orientation() {}

    static BufferedImage apply(BufferedImage src, int orientation) {
        if (orientation <= 1 || orientation > 8) return src;
        int w = src.getWidth();
        int h = src.getHeight();
        boolean quarterTurn = orientation >= 5;
        var dst = new BufferedImage(quarterTurn ? h : w, quarterTurn ? w : h, src.getType());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = src.getRGB(x, y);
                switch (orientation) {
                    case 2 -> dst.setRGB(w - 1 - x, y, rgb);          // mirrored
                    case 3 -> dst.setRGB(w - 1 - x, h - 1 - y, rgb);  // upside down
                    case 4 -> dst.setRGB(x, h - 1 - y, rgb);          // mirrored and upside down
                    case 5 -> dst.setRGB(y, x, rgb);                  // transposed
                    case 6 -> dst.setRGB(h - 1 - y, x, rgb);          // turned a quarter clockwise
                    case 7 -> dst.setRGB(h - 1 - y, w - 1 - x, rgb);  // transversed
                    default -> dst.setRGB(y, w - 1 - x, rgb);         // 8: a quarter anticlockwise
                }
            }
        }
        return dst;
    }
}
