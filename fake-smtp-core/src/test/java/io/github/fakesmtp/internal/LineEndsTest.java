package io.github.fakesmtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time search for CR or LF that the DATA reader (RFC 5321 section 4.1.1.4) relies on finds
 * exactly what a byte-by-byte loop finds: for every other byte value around it, at every offset of a word.
 */
class LineEndsTest {

    @Test
    void findsTheFirstLineEndAtEveryOffsetAmongEveryOtherByteValue() {
        for (int filler = 0; filler < 256; filler++) {
            if (filler == '\r' || filler == '\n') {
                continue;
            }
            byte[] buf = new byte[24];
            Arrays.fill(buf, (byte) filler);
            assertThat(LineEnds.skipToCrOrLf(buf, 0, buf.length)).as("no line end among 0x%02x", filler)
                    .isEqualTo(buf.length);
            for (byte end : new byte[] {'\r', '\n'}) {
                for (int at = 0; at < buf.length; at++) {
                    byte[] withEnd = buf.clone();
                    withEnd[at] = end;
                    for (int from = 0; from <= at; from++) {
                        assertThat(LineEnds.skipToCrOrLf(withEnd, from, withEnd.length))
                                .as("0x%02x at %d among 0x%02x, from %d", end, at, filler, from).isEqualTo(at);
                    }
                    assertThat(LineEnds.skipToCrOrLf(withEnd, 0, at)).as("limit before the line end").isEqualTo(at);
                }
            }
        }
    }

    @Test
    void agreesWithAByteByByteSearchOnRandomData() {
        SplittableRandom random = new SplittableRandom(4321);
        for (int round = 0; round < 20_000; round++) {
            byte[] buf = new byte[1 + random.nextInt(64)];
            random.nextBytes(buf);
            for (int i = 0; i < buf.length; i++) { // mostly text, some line ends, their neighbours 0x0b/0x0c/0x0e
                if (random.nextInt(4) == 0) {
                    buf[i] = (byte) (0x09 + random.nextInt(6));
                }
            }
            int from = random.nextInt(buf.length);
            int limit = from + random.nextInt(buf.length - from + 1);
            assertThat(LineEnds.skipToCrOrLf(buf, from, limit)).as("%s [%d, %d)", Arrays.toString(buf), from, limit)
                    .isEqualTo(byteByByte(buf, from, limit));
        }
    }

    private static int byteByByte(byte[] buf, int from, int limit) {
        int i = from;
        while (i < limit && buf[i] != '\r' && buf[i] != '\n') {
            i++;
        }
        return i;
    }
}
