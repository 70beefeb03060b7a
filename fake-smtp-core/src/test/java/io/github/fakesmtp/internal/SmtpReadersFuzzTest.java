package io.github.fakesmtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzz tests of the byte-level readers: command lines, DATA (RFC 5321 sections 4.1.1.4 and
 * 4.5.2) and BDAT chunks (RFC 3030). Each input is read twice, in one piece and in pieces of sizes drawn
 * from the input's first byte, and both reads must match a plain byte-at-a-time model: the same captured
 * bytes, the same verdicts, and the same position afterwards, so the bytes after the end of the data are
 * never taken as data and the data never as commands (no SMTP smuggling).
 *
 * <p>{@code mvn verify} replays the stored corpus in {@code src/test/resources/.../SmtpReadersFuzzTestInputs};
 * {@code JAZZER_FUZZ=1} fuzzes (see the {@code robustness} profile).
 */
class SmtpReadersFuzzTest {

    private static final long[] SIZE_LIMITS = {0, 1, 7, 64, 1000, 40_000, Long.MAX_VALUE};
    private static final int[] LINE_LIMITS = {1, 2, 10, 512, 1000, 12288};
    private static final int BUFFER = 32 * 1024;

    /** The command that follows the data on the wire; it must come out of readLine intact. */
    private static final byte[] NEXT = "NEXT COMMAND\r\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * Input: [chunk seed][size limit][padding][data...]. The padding pushes the data to the end of the
     * reader's 32 KiB buffer, so that dots and line endings straddle its refills.
     */
    @FuzzTest(maxDuration = "2m")
    void dataReaderMatchesTheModelForAnyChunking(byte[] input) throws IOException {
        if (input.length < 3) {
            return;
        }
        long seed = input[0];
        long maxBytes = SIZE_LIMITS[(input[1] & 0xff) % SIZE_LIMITS.length];
        byte[] data = Arrays.copyOfRange(input, 3, input.length);
        byte[] wire = concat(padding(input[2] & 0xff), data, NEXT);

        DataModel expected = DataModel.of(wire, ServerConfig.MAX_TEXT_LINE_OCTETS);
        DataRead whole = readData(ChunkedInputStream.whole(wire), maxBytes);
        DataRead pieces = readData(new ChunkedInputStream(wire, seed), maxBytes);

        for (DataRead read : List.of(whole, pieces)) {
            assertThat(read.outcome.complete).as("complete").isEqualTo(expected.complete);
            assertThat(read.stored.length).as("never more stored than the limit").isLessThanOrEqualTo(
                    (int) Math.min(maxBytes, Integer.MAX_VALUE));
            if (!expected.complete) {
                continue;
            }
            boolean tooBig = expected.content.length > maxBytes;
            assertThat(read.outcome.tooBig).as("too big").isEqualTo(tooBig);
            assertThat(read.outcome.size).as("size").isEqualTo(expected.content.length);
            if (!tooBig) {
                assertThat(read.stored).as("captured bytes").isEqualTo(expected.content);
            }
            assertThat(read.outcome.lineTooLong).as("line too long").isEqualTo(expected.lineTooLong);
            assertThat(read.outcome.bareLf).as("bare LF").isEqualTo(expected.bareLf);
            assertThat(read.outcome.bareCr).as("bare CR").isEqualTo(expected.bareCr);
            assertThat(read.after).as("what follows the data").isEqualTo(linesOf(wire, expected.end, 12288));
        }
    }

    /** Input: [chunk seed][line limit][data...]: every line, or its too-long verdict, as the model says. */
    @FuzzTest(maxDuration = "2m")
    void commandLineReaderMatchesTheModelForAnyChunking(byte[] input) throws IOException {
        if (input.length < 2) {
            return;
        }
        int maxOctets = LINE_LIMITS[(input[1] & 0xff) % LINE_LIMITS.length];
        byte[] wire = Arrays.copyOfRange(input, 2, input.length);
        List<String> expected = linesOf(wire, 0, maxOctets);
        assertThat(readLines(new SmtpInput(ChunkedInputStream.whole(wire), silentWriter()), maxOctets))
                .isEqualTo(expected);
        assertThat(readLines(new SmtpInput(new ChunkedInputStream(wire, input[0]), silentWriter()), maxOctets))
                .isEqualTo(expected);
    }

    /** Input: [chunk seed][size hi][size lo][data...]: a chunk is exactly its size, whatever it holds. */
    @FuzzTest(maxDuration = "2m")
    void chunkReaderTakesExactlyTheDeclaredOctets(byte[] input) throws IOException {
        if (input.length < 3) {
            return;
        }
        int count = ((input[1] & 0xff) << 8 | (input[2] & 0xff)) % (input.length + 20);
        byte[] wire = concat(Arrays.copyOfRange(input, 3, input.length), NEXT);
        SmtpInput reader = new SmtpInput(new ChunkedInputStream(wire, input[0]), silentWriter());
        MessageBytes.Collector sink = new MessageBytes.Collector();
        boolean complete = reader.readChunk(count, sink);
        assertThat(complete).isEqualTo(count <= wire.length);
        byte[] got = sink.finish().toByteArray();
        if (complete) {
            assertThat(got).isEqualTo(Arrays.copyOf(wire, count));
            assertThat(readLines(reader, 12288)).isEqualTo(linesOf(wire, count, 12288));
        } else {
            assertThat(got).isEqualTo(wire);
        }
    }

    /** Input: any text after "MAIL FROM:": a path or a SyntaxException, never another exception. */
    @FuzzTest(maxDuration = "2m")
    void mailPathParserAcceptsOrRefusesCleanly(byte[] input) {
        String argument = new String(input, StandardCharsets.UTF_8);
        MailPath path;
        try {
            path = MailPath.parse(argument);
        } catch (MailPath.SyntaxException refused) {
            return;
        }
        assertThat(path.address()).doesNotContain("\r", "\n", "\0");
        assertThat(path.parameters().keySet()).allSatisfy(key -> assertThat(key).isNotEmpty()
                .isEqualTo(key.toUpperCase(java.util.Locale.ROOT)));
    }

    private record DataRead(SmtpInput.DataOutcome outcome, byte[] stored, List<String> after) {
    }

    private static DataRead readData(InputStream in, long maxBytes) throws IOException {
        SmtpInput reader = new SmtpInput(in, silentWriter());
        MessageBytes.Collector sink = new MessageBytes.Collector();
        SmtpInput.DataOutcome outcome = reader.readDotTerminated(sink, maxBytes, ServerConfig.MAX_TEXT_LINE_OCTETS);
        byte[] stored = sink.finish().toByteArray();
        List<String> after = outcome.complete ? readLines(reader, 12288) : List.of();
        return new DataRead(outcome, stored, after);
    }

    /** Every line until the end of input; an over-long line is reported as "<too long>". */
    private static List<String> readLines(SmtpInput reader, int maxOctets) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            try {
                String line = reader.readLine(maxOctets);
                if (line == null) {
                    return lines;
                }
                lines.add(line);
            } catch (SmtpInput.LineTooLongException e) {
                lines.add("<too long>");
            }
        }
    }

    /** The model of readLine: LF ends a line, one CR before it is dropped, a partial last line is lost. */
    static List<String> linesOf(byte[] wire, int from, int maxOctets) {
        List<String> lines = new ArrayList<>();
        int start = from;
        for (int i = from; i < wire.length; i++) {
            if (wire[i] == '\n') {
                int end = i > start && wire[i - 1] == '\r' ? i - 1 : i;
                lines.add(i - start + 1 > maxOctets ? "<too long>"
                        : new String(wire, start, end - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return lines;
    }

    /** Filler lines that bring the data to {@code 32 KiB - n} bytes into the stream; none for n = 0. */
    private static byte[] padding(int n) {
        if (n == 0) {
            return new byte[0];
        }
        int size = BUFFER - n;
        byte[] pad = new byte[size];
        Arrays.fill(pad, (byte) 'p');
        for (int i = 99; i < size; i += 100) {
            pad[i - 1] = '\r';
            pad[i] = '\n';
        }
        return pad;
    }

    static ReplyWriter silentWriter() {
        return new ReplyWriter(new ByteArrayOutputStream(), Transcript.OFF);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    @org.junit.jupiter.api.Test
    void theModelItselfEndsDataOnlyAtCrLfDotCrLf() {
        byte[] wire = "a\n.\nb\r.\rc\n.\r\nd\r\n..e\r\n.\r\nX".getBytes(StandardCharsets.US_ASCII);
        DataModel model = DataModel.of(wire, 1000);
        assertThat(model.complete).isTrue();
        assertThat(new String(model.content, StandardCharsets.US_ASCII)).isEqualTo("a\n.\nb\r.\rc\n.\r\nd\r\n.e\r\n");
        assertThat(model.bareLf).isTrue();
        assertThat(model.bareCr).isTrue();
        assertThatThrownBy(() -> MailPath.parse("no brackets")).isInstanceOf(MailPath.SyntaxException.class);
    }
}
