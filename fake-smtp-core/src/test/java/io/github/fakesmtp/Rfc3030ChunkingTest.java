package io.github.fakesmtp;

import static io.github.fakesmtp.SmtpChecks.assertNothingCapturedAndStillServes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 3030, CHUNKING: the BDAT command. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Rfc3030ChunkingTest extends ServerPerTest {

    private static final int LIMIT = 1000;

    @Override
    FakeSmtpServer.Builder configure(FakeSmtpServer.Builder builder) {
        return builder.maxMessageSize(LIMIT);
    }

    private static SmtpTestClient inTransaction(FakeSmtpServer target) {
        return SmtpTestClient.inTransaction(target, "a@example.com", "b@example.com");
    }

    private static void chunk(SmtpTestClient client, byte[] bytes, boolean last) {
        client.send(("BDAT " + bytes.length + (last ? " LAST" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        client.send(bytes);
    }

    @Test
    void rfc3030_2_severalChunksThenLastMakeOneMessageWithBytesVerbatim() {
        // BDAT data is not dot-stuffed and may hold bare CR/LF, a line "." and anything else (section 2)
        byte[] one = "Subject: chunked\r\n\r\n.first\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] two = ".\r\nbare\nLF and \u00e9\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] three = "end\r\n".getBytes(StandardCharsets.UTF_8);
        try (SmtpTestClient client = inTransaction(server)) {
            chunk(client, one, false);
            client.readReply().expect(250, "2.0.0");
            chunk(client, two, false);
            client.readReply().expect(250, "2.0.0");
            chunk(client, three, true);
            client.readReply().expect(250, "2.0.0");
        }
        ReceivedMessage message = server.takeMessage(SmtpChecks.WAIT);
        assertThat(message.rawContent()).isEqualTo(new String(one, StandardCharsets.UTF_8)
                + new String(two, StandardCharsets.UTF_8) + new String(three, StandardCharsets.UTF_8));
        assertThat(message.usedChunking()).isTrue();
        assertThat(message.subject()).isEqualTo("chunked");
    }

    @Test
    void rfc3030_2_chunksMayBePipelined() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.send("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nBDAT 18\r\nSubject: piped\r\n\r\n"
                    + "BDAT 6 LAST\r\nbody\r\nNOOP\r\n");
            client.readReply().expect(250, "2.1.0");
            client.readReply().expect(250, "2.1.5");
            client.readReply().expect(250, "2.0.0");
            client.readReply().expect(250, "2.0.0");
            client.readReply().expect(250, "2.0.0");
        }
        assertThat(server.takeMessage(SmtpChecks.WAIT).rawContent()).isEqualTo("Subject: piped\r\n\r\nbody\r\n");
    }

    @Test
    void rfc3030_2_bdatZeroLastEndsTheMessage() {
        byte[] content = "Subject: zero\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
        try (SmtpTestClient client = inTransaction(server)) {
            chunk(client, content, false);
            client.readReply().expect(250, "2.0.0");
            client.command("BDAT 0 LAST").expect(250, "2.0.0");
        }
        ReceivedMessage message = server.takeMessage(SmtpChecks.WAIT);
        assertThat(message.rawBytes()).isEqualTo(content);
        assertThat(message.usedChunking()).isTrue();
    }

    @Test
    void rfc3030_2_bdatBeforeMailIs503ButTheChunkIsConsumed() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            // the chunk looks like commands: if it were not consumed, they would be answered
            chunk(client, "MAIL FROM:<x@example.com>\r\n".getBytes(StandardCharsets.US_ASCII), true);
            client.readReply().expect(503, "5.5.1");
            client.command("NOOP").expect(250, "2.0.0");
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            chunk(client, "RSET\r\n".getBytes(StandardCharsets.US_ASCII), true); // no RCPT yet
            client.readReply().expect(503, "5.5.1");
            client.command("RCPT TO:<b@example.com>").expect(250, "2.1.5"); // the transaction is still there
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc3030_2_dataAfterBdatInATransactionIs503() {
        try (SmtpTestClient client = inTransaction(server)) {
            chunk(client, "Subject: mixed\r\n\r\n".getBytes(StandardCharsets.US_ASCII), false);
            client.readReply().expect(250, "2.0.0");
            client.command("DATA").expect(503, "5.5.1");
            client.command("RSET").expect(250, "2.0.0");
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc3030_2_rfc1870_chunksOverTheSizeLimitAre552AndNothingIsCaptured() {
        try (SmtpTestClient client = inTransaction(server)) {
            chunk(client, "a".repeat(LIMIT - 10).getBytes(StandardCharsets.US_ASCII), false);
            client.readReply().expect(250, "2.0.0");
            chunk(client, "b".repeat(20).getBytes(StandardCharsets.US_ASCII), true); // 10 over in total
            client.readReply().expect(552, "5.3.4");
            client.command("NOOP").expect(250, "2.0.0"); // the refused chunk was consumed
            // the 552 ended the transaction (as Postfix does): a further chunk has no MAIL to belong to
            chunk(client, "x".getBytes(StandardCharsets.US_ASCII), true);
            client.readReply().expect(503, "5.5.1");
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc3030_2_malformedBdatIs501() {
        try (SmtpTestClient client = inTransaction(server)) {
            client.command("BDAT").expect(501, "5.5.4");
            client.command("BDAT x").expect(501, "5.5.4");
            client.command("BDAT 1 FIRST").expect(501, "5.5.4");
            client.command("NOOP").expect(250, "2.0.0");
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc3030_2_connectionDroppedBetweenChunksCapturesNothing() {
        try (SmtpTestClient client = inTransaction(server)) {
            chunk(client, "Subject: half\r\n\r\n".getBytes(StandardCharsets.US_ASCII), false);
            client.readReply().expect(250, "2.0.0");
            client.send("BDAT 100 LAST\r\nonly part".getBytes(StandardCharsets.US_ASCII));
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc3030_2_aChunkLargerThanAnyBufferIsReadExactly() {
        try (FakeSmtpServer big = FakeSmtpServer.start();
                SmtpTestClient client = inTransaction(big)) {
            byte[] content = new byte[300_000];
            for (int i = 0; i < content.length; i++) {
                content[i] = (byte) (i * 13 + 7); // any octet, CR, LF and NUL included: BDAT is binary-safe
            }
            chunk(client, content, true);
            client.readReply().expect(250, "2.0.0");
            client.command("NOOP").expect(250, "2.0.0");
            assertThat(big.takeMessage(SmtpChecks.WAIT).rawBytes()).isEqualTo(content);
        }
    }
}
