package io.github.fakesmtp;

import static io.github.fakesmtp.SmtpChecks.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 2920, command pipelining. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Rfc2920PipeliningTest extends ServerPerTest {

    /** RFC 2920 section 3.1: the client may send EHLO..DATA in one go; replies come back in order. */
    @Test
    void rfc2920_3_1_commandsSentInOneWriteAreAnsweredInOrder() {
        try (SmtpTestClient client = SmtpTestClient.connect(server)) {
            client.send("EHLO client.example\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\n"
                    + "RCPT TO:<c@example.com>\r\nDATA\r\n");
            client.readReply().expect(220);
            assertThat(client.readReply().expect(250).lines()).contains("PIPELINING");
            client.readReply().expect(250, "2.1.0");
            client.readReply().expect(250, "2.1.5");
            client.readReply().expect(250, "2.1.5");
            client.readReply().expect(354);
            client.send(message("pipelined", "x") + ".\r\nQUIT\r\n");
            client.readReply().expect(250, "2.0.0");
            client.readReply().expect(221, "2.0.0");
            assertThat(client.serverClosed()).isTrue();
        }
        assertThat(server.takeMessage(SmtpChecks.WAIT).envelopeRecipients())
                .containsExactly("b@example.com", "c@example.com");
    }

    /** RFC 2920 section 3.1: a refused RCPT in a batch does not disturb the others. */
    @Test
    void rfc2920_3_1_aRefusedCommandInTheBatchIsAnsweredInItsPlace() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.send("MAIL FROM:<a@example.com>\r\nRCPT TO:<bad>\r\nRCPT TO:<ok@example.com>\r\nDATA\r\n");
            client.readReply().expect(250, "2.1.0");
            client.readReply().expect(501, "5.1.3");
            client.readReply().expect(250, "2.1.5");
            client.readReply().expect(354);
            client.send(message("partly", "x") + ".\r\n");
            client.readReply().expect(250, "2.0.0");
        }
        assertThat(server.takeMessage(SmtpChecks.WAIT).envelopeRecipients()).containsExactly("ok@example.com");
    }

    /** RFC 2920 section 3.1: message data, the next transaction and QUIT may all follow in one write. */
    @Test
    void rfc2920_3_1_manyMessagesPipelinedOnOneConnection() {
        int count = 50;
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            // Strictly a client waits for 354 before the content (RFC 2920 section 3.1); the server must
            // cope when it does not, as it only reads on. Everything goes in a single write.
            StringBuilder all = new StringBuilder();
            for (int i = 1; i <= count; i++) {
                all.append("MAIL FROM:<a@example.com>\r\nRCPT TO:<r").append(i).append("@example.com>\r\nDATA\r\n")
                        .append(message("m" + i, "body " + i)).append(".\r\n");
            }
            all.append("QUIT\r\n");
            client.send(all.toString());
            for (int i = 1; i <= count; i++) {
                client.readReply().expect(250, "2.1.0");
                client.readReply().expect(250, "2.1.5");
                client.readReply().expect(354);
                client.readReply().expect(250, "2.0.0");
            }
            client.readReply().expect(221, "2.0.0");
        }
        List<ReceivedMessage> messages = server.awaitMessages(count, SmtpChecks.WAIT);
        assertThat(messages).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(messages.get(i).subject()).isEqualTo("m" + (i + 1));
            assertThat(messages.get(i).envelopeRecipients()).containsExactly("r" + (i + 1) + "@example.com");
            assertThat(messages.get(i).textBody()).isEqualTo("body " + (i + 1) + "\r\n");
        }
    }
}
