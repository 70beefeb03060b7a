package io.github.fakesmtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    /** Line limits for readLine; {@link #COMMAND} stands for readCommand's 512 octets, 12288 for AUTH. */
    private static final int[] LINE_LIMITS = {1, 2, 10, 512, 1000, 12288, -1};
    private static final int COMMAND = -1;
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
        List<String> expected = maxOctets == COMMAND
                ? linesOf(wire, 0, ServerConfig.MAX_COMMAND_OCTETS, ServerConfig.MAX_AUTH_LINE_OCTETS)
                : linesOf(wire, 0, maxOctets);
        assertThat(readLines(reader(ChunkedInputStream.whole(wire)), maxOctets)).isEqualTo(expected);
        assertThat(readLines(reader(new ChunkedInputStream(wire, input[0])), maxOctets)).isEqualTo(expected);
    }

    /** Input: [chunk seed][size hi][size lo][data...]: a chunk is exactly its size, whatever it holds. */
    @FuzzTest(maxDuration = "2m")
    void chunkReaderTakesExactlyTheDeclaredOctets(byte[] input) throws IOException {
        if (input.length < 3) {
            return;
        }
        int count = ((input[1] & 0xff) << 8 | (input[2] & 0xff)) % (input.length + 20);
        byte[] wire = concat(Arrays.copyOfRange(input, 3, input.length), NEXT);
        SmtpInput reader = reader(new ChunkedInputStream(wire, input[0]));
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
        SmtpInput reader = reader(in);
        MessageBytes.Collector sink = new MessageBytes.Collector();
        SmtpInput.DataOutcome outcome = reader.readDotTerminated(sink, maxBytes, ServerConfig.MAX_TEXT_LINE_OCTETS);
        byte[] stored = sink.finish().toByteArray();
        List<String> after = outcome.complete ? readLines(reader, 12288) : List.of();
        return new DataRead(outcome, stored, after);
    }

    private static SmtpInput reader(InputStream in) {
        return new SmtpInput(in, silentWriter(), Duration.ofMinutes(5));
    }

    /** Every line until the end of input; an over-long line is reported as "<too long>". */
    private static List<String> readLines(SmtpInput reader, int maxOctets) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            try {
                String line = maxOctets == COMMAND ? reader.readCommand() : reader.readLine(maxOctets);
                if (line == null) {
                    return lines;
                }
                lines.add(line);
            } catch (SmtpInput.LineTooLongException e) {
                lines.add("<too long>");
            }
        }
    }

    /** The model of readLine: see {@link #linesOf(byte[], int, int, int)}, with one limit for every line. */
    static List<String> linesOf(byte[] wire, int from, int maxOctets) {
        return linesOf(wire, from, maxOctets, maxOctets);
    }

    /**
     * The model of the line readers: LF ends a line, one CR before it is dropped, a line longer than its
     * limit (counting its line ending) is "<too long>" — also when the input ends inside it, since the
     * verdict comes as soon as the limit is passed — and a shorter partial last line is lost. A line that
     * starts with "AUTH " has {@code maxAuthOctets}. (The bound on what is dropped of an over-long line,
     * a MiB, is far beyond any fuzz input.)
     */
    static List<String> linesOf(byte[] wire, int from, int maxOctets, int maxAuthOctets) {
        List<String> lines = new ArrayList<>();
        int start = from;
        while (start < wire.length) {
            int allowed = startsWithAuth(wire, start) ? maxAuthOctets : maxOctets;
            int lf = start;
            while (lf < wire.length && wire[lf] != '\n') {
                lf++;
            }
            if (lf == wire.length) {
                if (wire.length - start >= allowed) {
                    lines.add("<too long>");
                }
                break;
            }
            int end = lf > start && wire[lf - 1] == '\r' ? lf - 1 : lf;
            lines.add(lf - start + 1 > allowed ? "<too long>"
                    : new String(wire, start, end - start, StandardCharsets.UTF_8));
            start = lf + 1;
        }
        return lines;
    }

    private static boolean startsWithAuth(byte[] wire, int start) {
        return wire.length - start >= 5 && new String(wire, start, 5, StandardCharsets.ISO_8859_1).equalsIgnoreCase("AUTH ");
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
