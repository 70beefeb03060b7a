package io.github.fakesmtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.BareLineEndingPolicy;
import io.github.fakesmtp.Rejection;
import io.github.fakesmtp.TlsMode;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * RFC 2920 section 3.2: replies to a pipelined batch are sent together, but a batch of any length is sent
 * in bounded pieces, so a client that pipelines without reading cannot make the server buffer without bound.
 */
class ReplyBufferingTest {

    @Test
    void rfc2920_3_2_repliesToTenThousandPipelinedCommandsLeaveInBoundedWrites() {
        int commands = 10_000;
        byte[] batch = ("EHLO client.example\r\n".repeat(commands) + "QUIT\r\n").getBytes(StandardCharsets.US_ASCII);
        WriteRecorder out = new WriteRecorder();
        InMemorySocket socket = new InMemorySocket(new ByteArrayInputStream(batch), out);
        ServerConfig config = new ServerConfig(InetAddress.getLoopbackAddress(), 0, "localhost", TlsMode.NONE, null,
                false, Credentials.NONE, false, 1000, 10, 10, Duration.ofSeconds(5), BareLineEndingPolicy.ACCEPT,
                false);
        SessionEvents events = new SessionEvents() {
            @Override
            public void captured(CapturedMessage message) {
            }

            @Override
            public void refused(Rejection rejection) {
            }
        };
        new SmtpSession(config, events, FaultHook.NONE, nanos -> true, socket, 1, Transcript.OFF, AcceptHandOff.NONE,
                () -> {
                }).run();

        String replies = out.all.toString(StandardCharsets.US_ASCII);
        assertThat(replies.split("\r\n250-PIPELINING", -1)).hasSize(commands + 1); // every EHLO answered
        assertThat(replies).endsWith("221 2.0.0 Bye\r\n");
        assertThat(out.largestWrite).as("largest single write of replies, in octets")
                .isLessThan(20 * 1024).isGreaterThan(0);
        assertThat(out.writes).as("number of writes").isGreaterThan(50);
    }

    /** Records what was written and how: the size of the largest single write. */
    private static final class WriteRecorder extends OutputStream {
        final java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        int largestWrite;
        int writes;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            all.write(b, off, len);
            largestWrite = Math.max(largestWrite, len);
            writes++;
        }
    }
}
