package io.github.fakesmtp;

import static io.github.fakesmtp.Robustness.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A captured message is held once: parsing it as MIME refers to its raw bytes rather than copying them. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MessageMemoryTest {

    @Test
    void parsingALargeMessageKeepsASingleCopyOfItsBody() throws Exception {
        int bodyBytes = 32 * (int) MIB;
        try (FakeSmtpServer server = FakeSmtpServer.builder().maxMessageSize(64 * MIB).start();
                SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            client.command("RCPT TO:<b@example.com>").expect(250, "2.1.5");
            client.command("DATA").expect(354);
            client.send("Subject: big\r\nContent-Type: application/octet-stream\r\n\r\n");
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) 'x');
            for (int i = 99; i < block.length; i += 100) {
                block[i - 1] = '\r';
                block[i] = '\n';
            }
            block[block.length - 2] = '\r';
            block[block.length - 1] = '\n';
            for (int sent = 0; sent < bodyBytes; sent += block.length) {
                client.send(block);
            }
            client.send(".\r\n");
            client.readReply().expect(250, "2.0.0");
            ReceivedMessage message = server.takeMessage(SmtpChecks.WAIT);

            long before = Robustness.retainedHeap();
            assertThat(message.subject()).isEqualTo("big"); // parses the whole message
            long growth = Robustness.retainedHeap() - before;

            // The decoded attachment is one copy, by design (Attachment.content()); the MIME parse itself must
            // not add another one of the whole body, as it did when it read from a plain stream (2.3 x).
            assertThat(growth).as("heap kept after parsing a message with a %d MiB attachment", bodyBytes / MIB)
                    .isLessThan(bodyBytes + bodyBytes / 2);
            long read = 0;
            try (InputStream body = message.mimeMessage().getInputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = body.read(buffer)) > 0; ) {
                    read += n;
                }
            }
            assertThat(read).as("the body read through the parsed message").isEqualTo(bodyBytes);
            assertThat(new String(message.rawBytes(), 0, 13, StandardCharsets.US_ASCII)).isEqualTo("Subject: big\r");
        }
    }
}
