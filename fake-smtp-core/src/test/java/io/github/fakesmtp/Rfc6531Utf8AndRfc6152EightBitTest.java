package io.github.fakesmtp;

import static io.github.fakesmtp.SmtpChecks.assertNothingCapturedAndStillServes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 6531 (SMTPUTF8), RFC 6532 (UTF-8 headers) and RFC 6152 (8BITMIME). */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Rfc6531Utf8AndRfc6152EightBitTest extends ServerPerTest {

    private static final String UTF8_SENDER = "j\u00f6rg@b\u00fccher.example";
    private static final String UTF8_RECIPIENT = "\u7528\u6237@\u4f8b\u5b50.\u5e7f\u544a";

    @Test
    void rfc6531_3_2_utf8AddressesWithSmtpUtf8AreAcceptedAndKeptIntact() {
        String subject = "Gr\u00fc\u00dfe \u2603 \u65e5\u672c";
        String content = "From: " + UTF8_SENDER + "\r\nTo: " + UTF8_RECIPIENT + "\r\nSubject: " + subject
                + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "K\u00f6rper \u2603\r\n";
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<" + UTF8_SENDER + "> SMTPUTF8 BODY=8BITMIME").expect(250, "2.1.0");
            client.command("RCPT TO:<" + UTF8_RECIPIENT + ">").expect(250, "2.1.5");
            client.command("DATA").expect(354);
            client.send(bytes);
            client.send(".\r\n");
            client.readReply().expect(250, "2.0.0");
        }
        ReceivedMessage message = server.takeMessage(SmtpChecks.WAIT);
        assertThat(message.envelopeSender()).isEqualTo(UTF8_SENDER);
        assertThat(message.envelopeRecipients()).containsExactly(UTF8_RECIPIENT);
        assertThat(message.usedSmtpUtf8()).isTrue();
        assertThat(message.bodyType()).isEqualTo("8BITMIME");
        assertThat(message.rawBytes()).isEqualTo(bytes);                    // RFC 6532 section 3: raw UTF-8 kept
        assertThat(message.subject()).isEqualTo(subject);                   // and decoded
        assertThat(message.from()).containsExactly(UTF8_SENDER);
        assertThat(message.textBody()).isEqualTo("K\u00f6rper \u2603\r\n");
    }

    @Test
    void rfc6531_3_4_utf8SenderWithoutSmtpUtf8Is553() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<" + UTF8_SENDER + ">").expect(553, "5.6.7");
            client.command("RCPT TO:<b@example.com>").expect(503, "5.5.1");
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc6531_3_4_utf8RecipientWithoutSmtpUtf8Is553() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            client.command("RCPT TO:<" + UTF8_RECIPIENT + ">").expect(553, "5.6.7");
            client.command("DATA").expect(503, "5.5.1"); // no recipient was taken
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc6531_3_4_smtpUtf8ParameterTakesNoValue() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<a@example.com> SMTPUTF8=yes").expect(501, "5.5.4");
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc6152_2_bodyParameterIsRecorded() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<a@example.com> BODY=8bitmime").expect(250, "2.1.0");
            client.command("RCPT TO:<b@example.com>").expect(250, "2.1.5");
            client.command("DATA").expect(354);
            client.send("Subject: eight\r\n\r\n\u00e9\u00e8\r\n.\r\n".getBytes(StandardCharsets.ISO_8859_1));
            client.readReply().expect(250, "2.0.0");
            client.sendMessage("a@example.com", "b@example.com", "Subject: seven\r\n\r\nx\r\n").expect(250, "2.0.0");
            client.command("MAIL FROM:<a@example.com> BODY=7BIT").expect(250, "2.1.0");
        }
        ReceivedMessage eight = server.takeMessage(SmtpChecks.WAIT);
        assertThat(eight.bodyType()).isEqualTo("8BITMIME");
        assertThat(eight.usedSmtpUtf8()).isFalse();
        assertThat(eight.rawBytes()).contains(0xe9, 0xe8);
        assertThat(server.takeMessage(SmtpChecks.WAIT).bodyType()).isEqualTo("7BIT");
    }

    @Test
    void rfc6152_2_unknownBodyValueIs501() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<a@example.com> BODY=BINARYMIME").expect(501, "5.5.4"); // RFC 3030 BINARYMIME not offered
        }
        assertNothingCapturedAndStillServes(server);
    }
}
