package io.github.fakesmtp;

import static io.github.fakesmtp.SmtpChecks.assertNothingCapturedAndStillServes;
import static io.github.fakesmtp.SmtpChecks.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Message data: RFC 5321 sections 4.1.1.4 (DATA), 4.5.2 (transparency) and 4.5.3.1.6 (line length). */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Rfc5321DataTest extends ServerPerTest {

    private static SmtpTestClient inData(FakeSmtpServer target) {
        SmtpTestClient client = SmtpTestClient.inTransaction(target, "alice@example.com", "bob@example.com");
        client.command("DATA").expect(354);
        return client;
    }

    @Test
    void rfc5321_4_5_2_leadingDotsAreUnstuffed() {
        try (SmtpTestClient client = inData(server)) {
            client.send("Subject: dots\r\n\r\n..one dot\r\n...two dots\r\n. space\r\n..\r\nend\r\n.\r\n");
            client.readReply().expect(250, "2.0.0");
        }
        assertThat(server.takeMessage(SmtpChecks.WAIT).rawContent())
                .isEqualTo("Subject: dots\r\n\r\n.one dot\r\n..two dots\r\n space\r\n.\r\nend\r\n");
    }

    @Test
    void rfc5321_4_1_1_4_theEndOfDataMarkerIsNotPartOfTheMessageAndEmptyDataIsAMessage() {
        try (SmtpTestClient client = inData(server)) {
            client.send(".\r\n");
            client.readReply().expect(250, "2.0.0");
        }
        ReceivedMessage message = server.takeMessage(SmtpChecks.WAIT);
        assertThat(message.size()).isZero();
        assertThat(message.rawBytes()).isEmpty();
    }

    /**
     * RFC 5321 section 4.1.1.4: only CRLF.CRLF ends the data. Anything else that looks like an end to some
     * other server must stay inside the one message, or a second message could be smuggled through
     * (SMTP smuggling, CVE-2023-51764 and friends).
     */
    @ParameterizedTest(name = "smuggling with {0}")
    @ValueSource(strings = {"\\n.\\n", "\\r.\\r", "\\n.\\r\\n", "\\r\\n.\\n", "\\r.\\r\\n", "\\n.\\r"})
    void rfc5321_4_1_1_4_onlyCrLfDotCrLfEndsData_noSmuggling(String escaped) {
        String fakeEnd = escaped.replace("\\r", "\r").replace("\\n", "\n");
        String smuggled = "MAIL FROM:<evil@example.com>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\n"
                + "Subject: smuggled\r\n\r\nevil\r\n";
        String content = "Subject: real\r\n\r\nreal body" + fakeEnd + smuggled;
        try (SmtpTestClient client = inData(server)) {
            client.send(content + ".\r\n");
            client.readReply().expect(250, "2.0.0"); // one reply for one message, not 250+250+250+354+250
            client.command("NOOP").expect(250, "2.0.0"); // and no extra replies queued behind it
        }
        assertThat(server.messages()).hasSize(1);
        ReceivedMessage message = server.messages().get(0);
        assertThat(message.envelopeRecipients()).containsExactly("bob@example.com");
        assertThat(message.rawContent()).contains("MAIL FROM:<evil@example.com>").contains("evil\r\n");
        assertThat(message.hasBareLineEndings()).isTrue();
    }

    @Test
    void rfc5321_4_1_1_4_bareLineEndingsAreKeptAsSentWithThePolicyAccept() {
        String content = "Subject: bare\r\n\r\nline one\nline two\rline three\r\n";
        try (SmtpTestClient client = inData(server)) {
            client.send(content + ".\r\n");
            client.readReply().expect(250, "2.0.0");
        }
        ReceivedMessage message = server.takeMessage(SmtpChecks.WAIT);
        assertThat(message.rawContent()).isEqualTo(content);
        assertThat(message.hasBareLineEndings()).isTrue();
    }

    @Test
    void rfc5321_2_3_8_cleanMessageHasNoBareLineEndings() {
        try (SmtpTestClient client = inData(server)) {
            client.send(message("clean", "body") + ".\r\n");
            client.readReply().expect(250, "2.0.0");
        }
        assertThat(server.takeMessage(SmtpChecks.WAIT).hasBareLineEndings()).isFalse();
    }

    /** RFC 5321 section 2.3.8 forbids bare CR and LF; with REJECT the server answers like Postfix (521, close). */
    @ParameterizedTest
    @ValueSource(strings = {"bare\nLF", "bare\rCR"})
    void rfc5321_2_3_8_bareLineEndingIsRejectedWith521AndCloseUnderPolicyReject(String body) {
        try (FakeSmtpServer strict = FakeSmtpServer.builder().bareLineEndings(BareLineEndingPolicy.REJECT).start()) {
            try (SmtpTestClient client = inData(strict)) {
                client.send("Subject: x\r\n\r\n" + body + "\r\n.\r\n");
                client.readReply().expect(521, "5.5.2");
                assertThat(client.serverClosed()).isTrue();
            }
            assertNothingCapturedAndStillServes(strict);
        }
    }

    @Test
    void rfc5321_4_5_3_1_6_textLineOver1000OctetsIs500AndNothingIsCaptured() {
        try (SmtpTestClient client = inData(server)) {
            String exactly1000 = "a".repeat(998); // 998 + CRLF = 1000 octets: allowed
            client.send("Subject: long\r\n\r\n" + exactly1000 + "\r\n.\r\n");
            client.readReply().expect(250, "2.0.0");
            client.command("MAIL FROM:<alice@example.com>").expect(250, "2.1.0");
            client.command("RCPT TO:<bob@example.com>").expect(250, "2.1.5");
            client.command("DATA").expect(354);
            client.send("Subject: too long\r\n\r\n" + exactly1000 + "a\r\n.\r\n");
            client.readReply().expect(500, "5.5.2");
            client.command("NOOP").expect(250, "2.0.0"); // the data was read to its end
        }
        assertThat(server.messages()).singleElement().satisfies(m -> assertThat(m.subject()).isEqualTo("long"));
        server.clear();
        assertNothingCapturedAndStillServes(server);
    }

    /**
     * RFC 5321 section 4.5.3.1.6: 1000 octets "not counting the leading dot duplicated for transparency". A
     * 998-octet text line that starts with a dot is sent as 999 octets and CRLF, and is accepted.
     */
    @Test
    void rfc5321_4_5_3_1_6_theDotAddedForTransparencyIsNotCountedInTheLineLimit() {
        String dotLine998 = "." + "d".repeat(997);
        try (SmtpTestClient client = inData(server)) {
            client.send("Subject: stuffed\r\n\r\n." + dotLine998 + "\r\n.\r\n"); // 999 octets + CRLF on the wire
            client.readReply().expect(250, "2.0.0");
            client.command("MAIL FROM:<alice@example.com>").expect(250, "2.1.0");
            client.command("RCPT TO:<bob@example.com>").expect(250, "2.1.5");
            client.command("DATA").expect(354);
            client.send("Subject: stuffed and long\r\n\r\n." + dotLine998 + "d\r\n.\r\n"); // a 999-octet text line
            client.readReply().expect(500, "5.5.2");
        }
        assertThat(server.messages()).singleElement().satisfies(message -> {
            assertThat(message.subject()).isEqualTo("stuffed");
            assertThat(message.rawContent()).endsWith("\r\n\r\n" + dotLine998 + "\r\n"); // unstuffed: 998 octets
        });
    }

    @Test
    void rfc5321_4_1_1_4_connectionDroppedMidDataCapturesNothing() {
        try (SmtpTestClient client = inData(server)) {
            client.send("Subject: half\r\n\r\nthe first half, and then\r\n");
        } // dropped before the dot
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc5321_4_1_1_4_connectionDroppedRightAfterTheDotOfAStuffedLineCapturesNothing() {
        try (SmtpTestClient client = inData(server)) {
            client.send("Subject: half\r\n\r\nbody\r\n.");
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc5321_4_1_1_4_rawBytesAreStoredExactlyIncluding8BitAndNulBytes() {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes("Subject: bytes\r\nContent-Type: application/octet-stream\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 256; i++) {
            if (i != '\r' && i != '\n') {
                content.write(i);
            }
        }
        content.writeBytes("\r\n\u00e9t\u00e9 \u2603\r\n".getBytes(StandardCharsets.UTF_8));
        byte[] bulk = new byte[200_000]; // bigger than any internal buffer
        for (int i = 0; i < bulk.length; i++) {
            int column = i % 80; // lines of 78 octets + CRLF; never a leading dot, which would be stuffing
            bulk[i] = (byte) (column == 79 ? '\n' : column == 78 ? '\r' : column == 0 ? 'L' : 0x20 + (i * 7) % 0xdf);
        }
        content.writeBytes(bulk);
        byte[] expected = content.toByteArray();
        try (SmtpTestClient client = inData(server)) {
            client.send(expected);
            client.send(".\r\n");
            client.readReply().expect(250, "2.0.0");
        }
        ReceivedMessage message = server.takeMessage(SmtpChecks.WAIT);
        assertThat(message.rawBytes()).isEqualTo(expected);
        assertThat(message.size()).isEqualTo(expected.length);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        assertThat(message.rawInputStream()).hasBinaryContent(expected);
        try {
            message.writeTo(written);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(written.toByteArray()).isEqualTo(expected);
    }

    @Test
    void rfc5321_4_1_1_4_severalMessagesInOneConnectionAreSeparate() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            for (int i = 1; i <= 3; i++) {
                client.sendMessage("alice@example.com", "bob" + i + "@example.com", message("n" + i, "x"))
                        .expect(250, "2.0.0");
            }
        }
        assertThat(server.awaitMessages(3, SmtpChecks.WAIT))
                .extracting(ReceivedMessage::subject, ReceivedMessage::indexInConnection, ReceivedMessage::connectionIndex)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("n1", 1, 1),
                        org.assertj.core.groups.Tuple.tuple("n2", 2, 1),
                        org.assertj.core.groups.Tuple.tuple("n3", 3, 1));
    }
}
