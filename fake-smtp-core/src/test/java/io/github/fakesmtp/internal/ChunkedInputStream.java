package io.github.fakesmtp.internal;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * Hands out a fixed byte array in pieces whose sizes come from a seed: mostly tiny (1 to 8 bytes, so every
 * CR, LF and dot lands on a read boundary sooner or later), sometimes large. The same seed always gives the
 * same pieces, so a failing input replays exactly.
 */
final class ChunkedInputStream extends InputStream {

    private final byte[] data;
    private final SplittableRandom sizes;
    private int pos;

    ChunkedInputStream(byte[] data, long seed) {
        this.data = data;
        this.sizes = new SplittableRandom(seed);
    }

    /** One read returns everything: the reference chunking every other one is compared with. */
    static InputStream whole(byte[] data) {
        return new java.io.ByteArrayInputStream(data);
    }

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos >= data.length) {
            return -1;
        }
        int roll = sizes.nextInt(16);
        int size = roll < 12 ? 1 + sizes.nextInt(8) : roll < 15 ? 1 + sizes.nextInt(4096) : len;
        int n = Math.min(Math.min(size, len), data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
