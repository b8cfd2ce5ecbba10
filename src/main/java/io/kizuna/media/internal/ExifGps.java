package io.kizuna.media.internal;

/**
 * Erases the GPS data of an EXIF block (a TIFF structure) in place and reads its orientation. The GPS sub-IFD and every
 * value it points to are zeroed and its pointer is removed from IFD0; the block keeps its size, so no other offset
 * moves and the camera, date and orientation tags stay valid.
 */
final class ExifGps {
    private static final int ORIENTATION = 0x0112;
    private static final int GPS_IFD = 0x8825;
    private static final int ENTRY = 12;

    /** The block is not a TIFF structure this class understands; the caller drops the whole block instead. */
    static final class MalformedExif extends Exception {
        MalformedExif() {
            super(null, null, false, false);
        }
    }

    private final byte[] b;
    private final int base;
    private final int end;
    private final boolean littleEndian;

    private ExifGps(byte[] b, int base, int end) throws MalformedExif {
        if (base < 0 || end > b.length || end - base < 8) throw new MalformedExif();
        this.b = b;
        this.base = base;
        this.end = end;
        if (b[base] == 'I' && b[base + 1] == 'I') littleEndian = true;
        else if (b[base] == 'M' && b[base + 1] == 'M') littleEndian = false;
        else throw new MalformedExif();
        if (u16(base + 2) != 42) throw new MalformedExif();
    }

    /** Erases the GPS data of the TIFF structure in {@code b[start, end)} and returns the orientation (1 when absent). */
    static int eraseGps(byte[] b, int start, int end) throws MalformedExif {
        return new ExifGps(b, start, end).eraseGps();
    }

    private int eraseGps() throws MalformedExif {
        int ifd0 = ifdAt(u32(base + 4));
        int count = u16(ifd0);
        int orientation = 1;
        int gpsEntry = -1;
        for (int i = 0; i < count; i++) {
            int entry = ifd0 + 2 + ENTRY * i;
            int tag = u16(entry);
            if (tag == ORIENTATION && u16(entry + 2) == 3) {
                int value = u16(entry + 8);
                if (value >= 1 && value <= 8) orientation = value;
            } else if (tag == GPS_IFD) {
                gpsEntry = i;
            }
        }
        if (gpsEntry >= 0) {
            eraseIfd(ifdAt(u32(ifd0 + 2 + ENTRY * gpsEntry + 8)));
            removeEntry(ifd0, count, gpsEntry);
        }
        return orientation;
    }

    /** Zeroes an IFD, its entries and the values stored outside it. */
    private void eraseIfd(int ifd) throws MalformedExif {
        int count = u16(ifd);
        for (int i = 0; i < count; i++) {
            int entry = ifd + 2 + ENTRY * i;
            long size = typeSize(u16(entry + 2)) * u32(entry + 4);
            if (size > 4) {
                int value = offset(u32(entry + 8));
                if (size > end - value) throw new MalformedExif();
                zero(value, (int) size);
            }
        }
        zero(ifd, 2 + ENTRY * count + 4);
    }

    /** Shifts the later entries and the next-IFD pointer up by one entry, so readers no longer find the GPS pointer. */
    private void removeEntry(int ifd, int count, int index) {
        int removed = ifd + 2 + ENTRY * index;
        System.arraycopy(b, removed + ENTRY, b, removed, ENTRY * (count - 1 - index) + 4);
        zero(ifd + 2 + ENTRY * (count - 1) + 4, ENTRY);
        put16(ifd, count - 1);
    }

    private int ifdAt(long offset) throws MalformedExif {
        int ifd = offset(offset);
        if (end - ifd < 2 || end - ifd < 2 + ENTRY * (long) u16(ifd) + 4) throw new MalformedExif();
        return ifd;
    }

    private int offset(long offset) throws MalformedExif {
        if (offset < 8 || offset >= end - base) throw new MalformedExif();
        return base + (int) offset;
    }

    private static long typeSize(int type) throws MalformedExif {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;       // BYTE, ASCII, SBYTE, UNDEFINED
            case 3, 8 -> 2;             // SHORT, SSHORT
            case 4, 9, 11, 13 -> 4;     // LONG, SLONG, FLOAT, IFD
            case 5, 10, 12 -> 8;        // RATIONAL, SRATIONAL, DOUBLE
            default -> throw new MalformedExif();
        };
    }

    private void zero(int from, int length) {
        java.util.Arrays.fill(b, from, from + length, (byte) 0);
    }

    private int u16(int p) {
        int hi = b[p] & 0xFF;
        int lo = b[p + 1] & 0xFF;
        return littleEndian ? lo << 8 | hi : hi << 8 | lo;
    }

    private long u32(int p) {
        long first = u16(p);
        long second = u16(p + 2);
        return littleEndian ? second << 16 | first : first << 16 | second;
    }

    private void put16(int p, int value) {
        byte hi = (byte) (value >>> 8);
        byte lo = (byte) value;
        b[p] = littleEndian ? lo : hi;
        b[p + 1] = littleEndian ? hi : lo;
    }
}
