package io.github.fakesmtp.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the next CR or LF in message data eight bytes at a time. Message lines are mostly plain text, so the
 * DATA reader spends its time skipping to the next line ending; testing a whole {@code long} per step (the
 * "has a zero byte" bit trick, on the bytes XORed with CR and with LF) is several times faster than a loop
 * that compares byte by byte, which the JIT cannot vectorise because it exits early.
 *
 * <p>A class of its own so that the view {@link VarHandle} is linked when the first message arrives, not when
 * a server starts.
 */
final class LineEnds {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long ALL_CR = ONES * '\r';
    private static final long ALL_LF = ONES * '\n';

    private LineEnds() {
    }

    /**
     * @return the index of the first CR or LF in {@code buf[from, limit)}, or {@code limit} when there is none
     */
    static int skipToCrOrLf(byte[] buf, int from, int limit) {
        int i = from;
        while (limit - i >= Long.BYTES) {
            long word = (long) LONGS.get(buf, i);
            long cr = word ^ ALL_CR; // a zero byte where the byte is CR
            long lf = word ^ ALL_LF;
            // (x - 0x01..) & ~x & 0x80.. flags every zero byte of x; above the lowest zero byte a borrow may
            // flag others too, so only the lowest flag is trusted, and in little-endian order it comes first.
            long found = ((cr - ONES) & ~cr | (lf - ONES) & ~lf) & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < limit && buf[i] != '\r' && buf[i] != '\n') {
            i++;
        }
        return i;
    }
}
