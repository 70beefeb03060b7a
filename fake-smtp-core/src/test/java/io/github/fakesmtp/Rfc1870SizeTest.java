package io.github.fakesmtp;

import static io.github.fakesmtp.SmtpChecks.assertNothingCapturedAndStillServes;
import static io.github.fakesmtp.SmtpChecks.message;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 1870, the SIZE extension. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Rfc1870SizeTest extends ServerPerTest {

    private static final int LIMIT = 10_000;

    @Override
    FakeSmtpServer.Builder configure(FakeSmtpServer.Builder builder) {
        return builder.maxMessageSize(LIMIT);
    }

    @Test
    void rfc1870_4_ehloAdvertisesTheLimit() {
        try (SmtpTestClient client = SmtpTestClient.connect(server)) {
            client.readReply().expect(220);
            assertThat(client.ehlo().lines()).contains("SIZE " + LIMIT);
        }
    }

    @Test
    void rfc1870_6_1_declaredSizeOverTheLimitIs552AtMail() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<a@example.com> SIZE=" + (LIMIT + 1)).expect(552, "5.3.4");
            client.command("RCPT TO:<b@example.com>").expect(503, "5.5.1"); // no transaction was started
            client.command("MAIL FROM:<a@example.com> SIZE=" + LIMIT).expect(250, "2.1.0");
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc1870_6_3_dataOverTheLimitIsReadToTheEndThen552AndTheConnectionGoesOn() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            String big = message("too big", ("x".repeat(99) + "\r\n").repeat(LIMIT / 100 + 1));
            assertThat(big.length()).isGreaterThan(LIMIT);
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0"); // no SIZE= declared
            client.command("RCPT TO:<b@example.com>").expect(250, "2.1.5");
            client.command("DATA").expect(354);
            client.send(big + ".\r\n");
            client.readReply().expect(552, "5.3.4");
            assertThat(server.messages()).isEmpty();
            // the same connection is in a clean state and accepts a small message
            client.sendMessage("a@example.com", "b@example.com", message("small", "fits")).expect(250, "2.0.0");
        }
        assertThat(server.messages()).singleElement()
                .satisfies(m -> assertThat(m.subject()).isEqualTo("small"));
    }

    @Test
    void rfc1870_6_3_dataOfExactlyTheLimitIsAccepted() {
        String header = "Subject: exact\r\n\r\n";
        String lines = ("y".repeat(98) + "\r\n").repeat((LIMIT - header.length()) / 100);
        String content = header + lines + "z".repeat(LIMIT - header.length() - lines.length() - 2) + "\r\n";
        assertThat(content.length()).isEqualTo(LIMIT);
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.sendMessage("a@example.com", "b@example.com", content).expect(250, "2.0.0");
            // one octet more is refused
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            client.command("RCPT TO:<b@example.com>").expect(250, "2.1.5");
            client.command("DATA").expect(354);
            client.send(header + lines + "z".repeat(LIMIT - header.length() - lines.length() - 1) + "\r\n.\r\n");
            client.readReply().expect(552, "5.3.4");
        }
        assertThat(server.messages()).singleElement().satisfies(m -> assertThat(m.size()).isEqualTo(LIMIT));
    }
}
