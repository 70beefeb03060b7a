package io.github.fakesmtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.SharedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stream over captured bytes is shareable (jakarta.mail SharedInputStream), so MIME parsing copies nothing. */
class MessageBytesStreamTest {

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 1000, 65_535, 65_536, 65_537, 200_000, 3 * 65_536})
    void everySubStreamHoldsExactlyItsRange(int size) throws IOException {
        SplittableRandom random = new SplittableRandom(size);
        byte[] data = new byte[size];
        random.nextBytes(data);
        MessageBytes.Collector collector = new MessageBytes.Collector();
        for (int at = 0; at < size; ) {
            int n = Math.min(size - at, 1 + random.nextInt(10_000));
            collector.write(data, at, n);
            at += n;
        }
        MessageBytes bytes = collector.finish();

        InputStream all = bytes.newInputStream();
        assertThat(all).isInstanceOf(SharedInputStream.class);
        assertThat(all.readAllBytes()).isEqualTo(data);
        for (int i = 0; i < 50; i++) {
            int start = random.nextInt(size + 1);
            int end = start + random.nextInt(size - start + 1);
            SharedInputStream shared = (SharedInputStream) bytes.newInputStream();
            InputStream slice = shared.newStream(start, end);
            assertThat(slice.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, start, end));
            InputStream rest = shared.newStream(start, -1);
            assertThat(rest.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, start, size));
            SharedInputStream nested = (SharedInputStream) shared.newStream(start, end);
            int inner = (end - start) / 2;
            assertThat(nested.newStream(inner, -1).readAllBytes()).isEqualTo(Arrays.copyOfRange(data, start + inner, end));
        }
    }

    @Test
    void positionMarkAndSkipFollowTheReads() throws IOException {
        byte[] data = new byte[150_000];
        new SplittableRandom(7).nextBytes(data);
        MessageBytes.Collector collector = new MessageBytes.Collector();
        collector.write(data, 0, data.length);
        InputStream in = collector.finish().newInputStream();
        SharedInputStream shared = (SharedInputStream) in;
        assertThat(in.skip(70_000)).isEqualTo(70_000);
        assertThat(shared.getPosition()).isEqualTo(70_000);
        in.mark(0);
        byte[] first = in.readNBytes(1000);
        in.reset();
        assertThat(in.readNBytes(1000)).isEqualTo(first).isEqualTo(Arrays.copyOfRange(data, 70_000, 71_000));
        assertThat(in.read()).isEqualTo(data[71_000] & 0xff);
        assertThat(in.available()).isEqualTo(data.length - 71_001);
        assertThat(in.skip(1_000_000)).isEqualTo(data.length - 71_001);
        assertThat(in.read()).isEqualTo(-1);
    }
}
