package io.github.fakesmtp;

import static io.github.fakesmtp.SmtpChecks.assertNothingCapturedAndStillServes;
import static io.github.fakesmtp.SmtpChecks.message;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 3207 (STARTTLS) and implicit TLS (RFC 8314 section 3.3, TlsMode.SMTPS). */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Rfc3207StartTlsTest {

    @Test
    void rfc3207_4_startTlsAnswers220ThenTheHandshakeThenEhloNoLongerListsStartTls() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.STARTTLS).start()) {
            try (SmtpTestClient client = SmtpTestClient.ready(server)) {
                client.startTls().expect(220, "2.0.0");
                assertThat(client.isTls()).isTrue();
                // RFC 3207 section 4.2: STARTTLS must not be offered again after the handshake
                assertThat(client.ehlo().expect(250).lines()).doesNotContain("STARTTLS").contains("PIPELINING");
                client.command("STARTTLS").expect(554, "5.5.1");
                client.sendMessage("a@example.com", "b@example.com", message("secret", "x")).expect(250, "2.0.0");
            }
            ReceivedMessage message = server.takeMessage(SmtpChecks.WAIT);
            assertThat(message.usedTls()).isTrue();
            assertThat(message.subject()).isEqualTo("secret");
        }
    }

    @Test
    void rfc3207_4_2_theSessionIsResetAfterTheHandshake() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.STARTTLS).start();
                SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.startTls().expect(220, "2.0.0");
            client.command("MAIL FROM:<a@example.com>").expect(503, "5.5.1"); // EHLO is needed again
            client.ehlo().expect(250);
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
        }
    }

    /** RFC 3207 section 4.2 and CVE-2011-0411: plaintext pipelined after STARTTLS must be thrown away. */
    @Test
    void rfc3207_4_2_plaintextPipelinedAfterStartTlsIsDiscarded() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.STARTTLS).start()) {
            try (SmtpTestClient client = SmtpTestClient.ready(server)) {
                client.send("STARTTLS\r\nMAIL FROM:<injected@example.com>\r\nRSET\r\n");
                client.readReply().expect(220, "2.0.0");
                client.startTlsHandshakeOnly();
                // the first reply over TLS answers our own command, not the injected ones
                assertThat(client.command("NOOP").expect(250, "2.0.0").text()).isEqualTo("2.0.0 Ok");
                client.command("MAIL FROM:<a@example.com>").expect(503, "5.5.1"); // injected MAIL did not count
                client.ehlo().expect(250);
                client.sendMessage("a@example.com", "b@example.com", message("after", "x")).expect(250, "2.0.0");
            }
            assertThat(server.takeMessage(SmtpChecks.WAIT).envelopeSender()).isEqualTo("a@example.com");
        }
    }

    @Test
    void rfc3207_4_startTlsWhenTlsIsOffIs502() {
        try (FakeSmtpServer server = FakeSmtpServer.start()) {
            try (SmtpTestClient client = SmtpTestClient.ready(server)) {
                client.command("STARTTLS").expect(502, "5.5.1");
                client.command("NOOP").expect(250, "2.0.0");
            }
            assertNothingCapturedAndStillServes(server);
        }
    }

    @Test
    void rfc3207_4_startTlsWithAnArgumentIs501() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.STARTTLS).start();
                SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("STARTTLS now").expect(501, "5.5.4");
            client.command("NOOP").expect(250, "2.0.0"); // still plaintext
        }
    }

    @Test
    void rfc8314_3_3_implicitTlsFromTheFirstByte() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.SMTPS).start()) {
            try (SmtpTestClient client = SmtpTestClient.connectTls(server)) {
                client.readReply().expect(220);
                assertThat(client.ehlo().expect(250).lines()).doesNotContain("STARTTLS");
                client.command("STARTTLS").expect(502, "5.5.1");
                client.sendMessage("a@example.com", "b@example.com", message("smtps", "x")).expect(250, "2.0.0");
            }
            assertThat(server.takeMessage(SmtpChecks.WAIT).usedTls()).isTrue();
        }
    }

    @Test
    void rfc3207_4_requireTlsRefusesMailAndHidesAuthBeforeTls() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.STARTTLS).requireTls(true)
                .user("app", "s3cret").start()) {
            try (SmtpTestClient client = SmtpTestClient.connect(server)) {
                client.readReply().expect(220);
                assertThat(client.ehlo().expect(250).lines()).contains("STARTTLS")
                        .noneMatch(line -> line.startsWith("AUTH"));
                assertThat(client.command("HELP").text()).contains(" STARTTLS ").doesNotContain("AUTH");
                client.command("MAIL FROM:<a@example.com>").expect(530, "5.7.0");
                client.command("AUTH PLAIN AGFwcABzM2NyZXQ=").expect(538, "5.7.11"); // RFC 4954 section 6
                client.startTls().expect(220, "2.0.0");
                assertThat(client.ehlo().expect(250).lines()).contains("AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2");
                // HELP offers what EHLO advertises: AUTH now, STARTTLS no more
                assertThat(client.command("HELP").text()).contains(" AUTH ").doesNotContain("STARTTLS");
                client.command("AUTH PLAIN AGFwcABzM2NyZXQ=").expect(235, "2.7.0");
                client.sendMessage("a@example.com", "b@example.com", message("tls", "x")).expect(250, "2.0.0");
            }
            ReceivedMessage message = server.takeMessage(SmtpChecks.WAIT);
            assertThat(message.usedTls()).isTrue();
            assertThat(message.authenticatedUser()).isEqualTo("app");
            assertThat(server.messages()).hasSize(1);
        }
    }

    @Test
    void rfc3207_4_2_authenticationIsForgottenByStartTls() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.STARTTLS).user("app", "s3cret")
                .authRequired(true).start();
                SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("AUTH PLAIN AGFwcABzM2NyZXQ=").expect(235, "2.7.0");
            client.startTls().expect(220, "2.0.0");
            client.ehlo().expect(250);
            client.command("MAIL FROM:<a@example.com>").expect(530, "5.7.0");
        }
    }

    @Test
    void rfc3207_5_quitOverTlsIsAnsweredThenClosed() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.STARTTLS).start();
                SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.startTls().expect(220, "2.0.0");
            client.command("QUIT").expect(221, "2.0.0");
            assertThat(client.serverClosed()).isTrue();
        }
    }

    @Test
    void rfc3207_idleTimeoutAppliesAfterTlsToo() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.STARTTLS)
                .idleTimeout(java.time.Duration.ofMillis(300)).start()) {
            try (SmtpTestClient client = SmtpTestClient.ready(server)) {
                client.startTls().expect(220, "2.0.0");
                client.readReply().expect(421, "4.4.2");
                assertThat(client.serverClosed()).isTrue();
            }
            assertThat(server.messages()).isEmpty();
        }
    }

    /** A plaintext client on the implicit-TLS port fails the handshake and is closed; others are still served. */
    @Test
    void rfc8314_plaintextClientOnTheSmtpsPortIsClosed() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.SMTPS).start()) {
            try (SmtpTestClient client = SmtpTestClient.connect(server)) {
                client.send("EHLO client.example\r\n");
                assertThat(client.serverClosesAfterAnyOutput()).as("closed after a TLS alert").isTrue();
            }
            try (SmtpTestClient client = SmtpTestClient.connectTls(server)) {
                client.readReply().expect(220);
                client.ehlo().expect(250);
                client.sendMessage("a@example.com", "b@example.com", message("still", "x")).expect(250, "2.0.0");
            }
            assertThat(server.messages()).hasSize(1);
        }
    }
}
