package io.github.fakesmtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.fakesmtp.BareLineEndingPolicy;
import io.github.fakesmtp.Rejection;
import io.github.fakesmtp.TlsMode;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzz test of a whole SMTP session (RFC 5321 state machine, AUTH decoders of RFC 4954,
 * DATA and BDAT) over an in-memory connection, with whatever bytes a broken client or an attacker sends.
 *
 * <p>Invariants: the session ends by itself with no exception escaping; every byte it wrote is a
 * well-formed reply line (RFC 5321 section 4.2); each "queued" reply matches exactly one captured message;
 * no captured message is over the size limit; and the same bytes in other read sizes give the very same
 * replies and captured messages.
 *
 * <p>Input: [chunk seed][options][session bytes...]. The options pick the size limit and the bare line
 * ending policy.
 */
class SmtpSessionFuzzTest {

    private static final Pattern REPLY_LINE = Pattern.compile("[2-5][0-9]{2}[ -][^\r\n]*");
    private static final long[] SIZE_LIMITS = {0, 10, 100, 10 * 1024 * 1024};

    @FuzzTest(maxDuration = "2m")
    void anyInputEndsInWellFormedRepliesAndConsistentCaptures(byte[] input) {
        if (input.length < 2) {
            return;
        }
        ServerConfig config = config(input[1] & 0xff);
        byte[] wire = Arrays.copyOfRange(input, 2, input.length);

        Run whole = run(config, ChunkedInputStream.whole(wire));
        Run pieces = run(config, new ChunkedInputStream(wire, input[0]));

        for (Run run : List.of(whole, pieces)) {
            String output = new String(run.output, StandardCharsets.UTF_8);
            assertThat(output.isEmpty() || output.endsWith("\r\n")).as("output ends with CRLF: %s", output).isTrue();
            List<String> lines = output.isEmpty() ? List.of() : List.of(output.split("\r\n", -1))
                    .subList(0, output.split("\r\n", -1).length - 1);
            assertThat(lines).allSatisfy(line -> assertThat(line).matches(REPLY_LINE));
            long queued = lines.stream().filter(line -> line.startsWith("250 2.0.0 Ok: queued as ")).count();
            assertThat(run.captured).as("one captured message per 'queued' reply").hasSize((int) queued);
            assertThat(run.captured).allSatisfy(message ->
                    assertThat((long) message.bytes().size()).isLessThanOrEqualTo(config.maxMessageSize()));
            assertThat(run.socket.isClosed()).as("the session closed its connection").isTrue();
        }
        assertThat(normalized(pieces.output)).as("replies do not depend on read sizes")
                .isEqualTo(normalized(whole.output));
        assertThat(contents(pieces.captured)).as("captured bytes do not depend on read sizes")
                .isEqualTo(contents(whole.captured));
    }

    private record Run(byte[] output, List<CapturedMessage> captured, InMemorySocket socket) {
    }

    private static Run run(ServerConfig config, InputStream in) {
        List<CapturedMessage> captured = new ArrayList<>();
        SessionEvents events = new SessionEvents() {
            @Override
            public void captured(CapturedMessage message) {
                captured.add(message);
            }

            @Override
            public void refused(Rejection rejection) {
                // recorded by the server in real use; nothing to check here
            }
        };
        InMemorySocket socket = new InMemorySocket(in);
        // run() is the session's whole life: if anything escaped it, the test fails with that exception.
        new SmtpSession(config, events, FaultHook.NONE, nanos -> true, socket, 1, new Transcript(1), AcceptHandOff.NONE,
                () -> {
                }).run();
        return new Run(socket.written(), captured, socket);
    }

    private static ServerConfig config(int options) {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, "fuzz.example", TlsMode.NONE, null, false,
                Credentials.users(Map.of("alice", "s3cret")), (options & 0x10) != 0,
                SIZE_LIMITS[options & 3], 3, 10, Duration.ofSeconds(5),
                (options & 4) != 0 ? BareLineEndingPolicy.REJECT : BareLineEndingPolicy.ACCEPT, true);
    }

    /** CRAM-MD5 challenges are random: compare replies with their text left out. */
    private static String normalized(byte[] output) {
        return new String(output, StandardCharsets.UTF_8).replaceAll("(?m)^334 [^\r\n]*", "334 <challenge>");
    }

    private static List<String> contents(List<CapturedMessage> messages) {
        return messages.stream()
                .map(m -> m.sender() + " " + m.recipients() + " " + Arrays.toString(m.bytes().toByteArray()))
                .toList();
    }
}
