package io.github.fakesmtp;

import static io.github.fakesmtp.SmtpChecks.assertNothingCapturedAndStillServes;
import static io.github.fakesmtp.SmtpChecks.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.SmtpTestClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 5321 commands and replies, with the enhanced status codes of RFC 2034 and RFC 3463. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Rfc5321CommandsTest extends ServerPerTest {

    @Override
    FakeSmtpServer.Builder configure(FakeSmtpServer.Builder builder) {
        return builder.serverName("mx.test");
    }

    @Test
    void rfc5321_4_3_1_greetingIs220WithServerNameAndNoEnhancedCode() {
        try (SmtpTestClient client = SmtpTestClient.connect(server)) {
            Reply greeting = client.readReply().expect(220);
            assertThat(greeting.lines()).hasSize(1);
            assertThat(greeting.text()).startsWith("mx.test ESMTP");
            assertThat(greeting.hasEnhancedCode()).as("RFC 2034 section 3: no enhanced code in the greeting").isFalse();
        }
    }

    @Test
    void rfc5321_4_1_1_1_ehloListsTheExtensionsInAMultiLineReply() {
        try (SmtpTestClient client = SmtpTestClient.connect(server)) {
            client.readReply().expect(220);
            Reply ehlo = client.ehlo().expect(250);
            assertThat(ehlo.lines().get(0)).isEqualTo("mx.test");
            assertThat(ehlo.lines()).contains("PIPELINING", "SIZE " + (25L * 1024 * 1024), "8BITMIME", "SMTPUTF8",
                    "ENHANCEDSTATUSCODES", "CHUNKING");
            // AUTH only with users configured (RFC 4954), STARTTLS only with TLS on (RFC 3207)
            assertThat(ehlo.lines()).noneMatch(line -> line.startsWith("AUTH") || line.startsWith("STARTTLS"));
            assertThat(ehlo.hasEnhancedCode()).as("RFC 2034 section 3: no enhanced code for EHLO").isFalse();
        }
    }

    @Test
    void rfc4954_rfc3207_ehloAdvertisesAuthAndStartTlsWhenConfigured() {
        try (FakeSmtpServer configured = FakeSmtpServer.builder().user("u", "p").tls(TlsMode.STARTTLS).start();
                SmtpTestClient client = SmtpTestClient.connect(configured)) {
            client.readReply().expect(220);
            assertThat(client.ehlo().expect(250).lines())
                    .contains("STARTTLS", "AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2");
        }
    }

    @Test
    void rfc5321_4_1_1_1_heloIsOneLineAndAllowsAPlainSmtpTransaction() {
        try (SmtpTestClient client = SmtpTestClient.connect(server)) {
            client.readReply().expect(220);
            Reply helo = client.command("HELO client.example").expect(250);
            assertThat(helo.lines()).containsExactly("mx.test");
            client.sendMessage("alice@example.com", "bob@example.com", message("helo", "hi")).expect(250, "2.0.0");
        }
        ReceivedMessage message = server.takeMessage(SmtpChecks.WAIT);
        assertThat(message.heloName()).isEqualTo("client.example");
        assertThat(message.bodyType()).isEqualTo("7BIT");
    }

    @Test
    void rfc5321_4_1_1_heloMayNotUseEsmtpParameters() {
        try (SmtpTestClient client = SmtpTestClient.connect(server)) {
            client.readReply().expect(220);
            client.command("HELO client.example").expect(250);
            // Service extensions are for EHLO sessions only (RFC 5321 section 2.2.1); Postfix answers 555.
            client.command("MAIL FROM:<a@example.com> SIZE=10").expect(555, "5.5.4");
        }
    }

    @Test
    void rfc5321_4_1_1_wholeTransactionWithNullReversePath() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<>").expect(250, "2.1.0");        // section 4.5.5: bounces use <>
            client.command("RCPT TO:<bob@example.com>").expect(250, "2.1.5");
            client.command("RCPT TO:<carol@example.com>").expect(250, "2.1.5");
            client.command("DATA").expect(354);
            client.send(message("bounce", "undeliverable") + ".\r\n");
            Reply queued = client.readReply().expect(250, "2.0.0");
            assertThat(queued.text()).contains("queued");
            // The message is visible as soon as the client has read 250 (captured before the reply).
            assertThat(server.messages()).hasSize(1);
            client.command("QUIT").expect(221, "2.0.0");
        }
        ReceivedMessage message = server.takeMessage(SmtpChecks.WAIT);
        assertThat(message.envelopeSender()).isEmpty();
        assertThat(message.envelopeRecipients()).containsExactly("bob@example.com", "carol@example.com");
        assertThat(message.subject()).isEqualTo("bounce");
        assertThat(message.indexInConnection()).isEqualTo(1);
    }

    @Test
    void rfc5321_4_1_1_10_quitReplies221ThenTheServerCloses() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("QUIT").expect(221, "2.0.0");
            assertThat(client.serverClosed()).as("read after 221 returns -1").isTrue();
        }
    }

    @Test
    void rfc5321_4_1_1_5_rsetAbortsTheTransaction() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            client.command("RCPT TO:<b@example.com>").expect(250, "2.1.5");
            client.command("RSET").expect(250, "2.0.0");
            client.command("DATA").expect(503, "5.5.1"); // no transaction any more
            client.command("RCPT TO:<b@example.com>").expect(503, "5.5.1");
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0"); // not "nested"
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc5321_4_1_1_9_noopAnd_3_5_3_vrfyAnd_4_1_1_8_help() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("NOOP").expect(250, "2.0.0");
            client.command("NOOP ignored argument").expect(250, "2.0.0"); // section 4.1.1.9: parameter ignored
            client.command("VRFY bob").expect(252, "2.0.0");                // section 3.5.3: 252, cannot verify
            client.command("VRFY").expect(501, "5.5.4");
            client.command("HELP").expect(214, "2.0.0");
            client.command("EXPN staff").expect(502, "5.5.1");
        }
    }

    /** RFC 5321 section 4.1.1.8: HELP lists what the server offers, and gives the syntax of one command. */
    @Test
    void rfc5321_4_1_1_8_helpListsOnlyTheOfferedCommands() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            assertThat(client.command("HELP").expect(214, "2.0.0").text())
                    .isEqualTo("2.0.0 Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP");
            assertThat(client.command("HELP mail").expect(214, "2.0.0").text())
                    .isEqualTo("2.0.0 Syntax: MAIL FROM:<address>");
            assertThat(client.command("HELP STARTTLS").text()).as("not offered: the list instead")
                    .isEqualTo("2.0.0 Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP");
        }
        try (FakeSmtpServer offering = FakeSmtpServer.builder().tls(TlsMode.STARTTLS).user("u", "p").start();
                SmtpTestClient client = SmtpTestClient.ready(offering)) {
            assertThat(client.command("HELP").expect(214, "2.0.0").text())
                    .isEqualTo("2.0.0 Commands: EHLO HELO STARTTLS AUTH MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP");
            assertThat(client.command("HELP AUTH").text()).isEqualTo("2.0.0 Syntax: AUTH mechanism [initial-response]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ehlo client.example", "EhLo client.example"})
    void rfc5321_2_4_verbsAreCaseInsensitive(String ehlo) {
        try (SmtpTestClient client = SmtpTestClient.connect(server)) {
            client.readReply().expect(220);
            client.command(ehlo).expect(250);
            client.command("mail from:<a@example.com>").expect(250, "2.1.0");
            client.command("Rcpt To:<b@example.com>").expect(250, "2.1.5");
            client.command("data").expect(354);
            client.send(message("lower case", "x") + ".\r\n");
            client.readReply().expect(250, "2.0.0");
            client.command("quit").expect(221, "2.0.0");
        }
        assertThat(server.takeMessage(SmtpChecks.WAIT).envelopeRecipients()).containsExactly("b@example.com");
    }

    @Test
    void rfc5321_4_2_4_unknownCommandIs500() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("FOO bar").expect(500, "5.5.2");
            client.command("").expect(500, "5.5.2");
            client.command("NOOP").expect(250, "2.0.0"); // the session goes on
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc5321_4_5_3_1_4_commandLineOf512OctetsIsAcceptedAndLongerIs500() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            String exactly512 = "NOOP " + "x".repeat(512 - 2 - 5);
            assertThat(exactly512.length() + 2).isEqualTo(512);
            client.command(exactly512).expect(250, "2.0.0");
            client.command(exactly512 + "x").expect(500, "5.5.2");
            client.command("MAIL FROM:<" + "a".repeat(600) + "@example.com>").expect(500, "5.5.2");
            client.command("RCPT TO:<b@example.com>").expect(503, "5.5.1"); // the long MAIL was not taken
            // a line far beyond any buffer is consumed whole, not read as several commands
            client.command("NOOP " + "y".repeat(100_000)).expect(500, "5.5.2");
            client.command("NOOP").expect(250, "2.0.0");
        }
        assertNothingCapturedAndStillServes(server);
    }

    /**
     * RFC 5321 section 4.5.3.1.10: the 500 comes as soon as the line is past 512 octets, not when it finally
     * ends; the rest of the line is dropped, and the session goes on after it.
     */
    @Test
    void rfc5321_4_5_3_1_10_aCommandLinePast512OctetsIsRefusedBeforeItEnds() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.send("MAIL FROM:<" + "a".repeat(600)); // no line ending yet
            client.readReply().expect(500, "5.5.2");
            client.send("@example.com> and more of the same line\r\n");
            client.command("RCPT TO:<b@example.com>").expect(503, "5.5.1"); // the long MAIL was not taken
            client.command("NOOP").expect(250, "2.0.0");
        }
        assertThat(server.rejections()).extracting(Rejection::code).containsExactly(500, 503);
        assertNothingCapturedAndStillServes(server);
    }

    /** RFC 4954 section 4: an AUTH command may be 12288 octets, where other commands may be 512. */
    @Test
    void rfc4954_4_anAuthLineMayBe12288OctetsAndNoLonger() {
        try (FakeSmtpServer auth = FakeSmtpServer.builder().user("u", "p").start();
                SmtpTestClient client = SmtpTestClient.ready(auth)) {
            String longest = "AUTH PLAIN " + "A".repeat(12288 - 2 - 11);
            assertThat(longest.length() + 2).isEqualTo(12288);
            client.command(longest).expect(535, "5.7.8"); // read whole, then refused as wrong credentials
            client.command(longest + "A").expect(500, "5.5.2");
            client.command("NOOP " + "x".repeat(600)).expect(500, "5.5.2"); // only AUTH has the longer limit
            client.command("NOOP").expect(250, "2.0.0");
        }
    }

    @Test
    void rfc5321_4_1_1_2_syntaxErrorsAre501() {
        try (SmtpTestClient client = SmtpTestClient.connect(server)) {
            client.readReply().expect(220);
            client.command("EHLO").expect(501);   // reply to EHLO: no enhanced code (RFC 2034 section 3)
            client.command("HELO ").expect(501);
            client.ehlo().expect(250);
            client.command("MAIL").expect(501, "5.5.4");
            client.command("MAIL TO:<a@example.com>").expect(501, "5.5.4");
            client.command("MAIL FROM:a@example.com").expect(501, "5.1.7");     // no angle brackets
            client.command("MAIL FROM:<a@example.com").expect(501, "5.1.7");    // no closing bracket
            client.command("MAIL FROM:<not an address>").expect(501, "5.1.7");
            client.command("MAIL FROM:<a@example.com>x").expect(501, "5.1.7");
            client.command("MAIL FROM:<a@example.com> SIZE=abc").expect(501, "5.5.4");
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            client.command("RCPT FROM:<b@example.com>").expect(501, "5.5.4");
            client.command("RCPT TO:<>").expect(501, "5.1.3");                  // no null forward-path
            client.command("RCPT TO:<no-at-sign>").expect(501, "5.1.3");
            client.command("RCPT TO:<postmaster>").expect(250, "2.1.5");        // section 4.5.1: always valid
            client.command("DATA now").expect(501, "5.5.4");
            client.command("RSET all").expect(501, "5.5.4");
            client.command("QUIT now").expect(501, "5.5.4");
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc5321_4_1_4_badSequenceIs503() {
        try (SmtpTestClient client = SmtpTestClient.connect(server)) {
            client.readReply().expect(220);
            client.command("MAIL FROM:<a@example.com>").expect(503, "5.5.1"); // before EHLO
            client.ehlo().expect(250);
            client.command("RCPT TO:<b@example.com>").expect(503, "5.5.1");   // before MAIL
            client.command("DATA").expect(503, "5.5.1");                      // before MAIL
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            client.command("DATA").expect(503, "5.5.1");                      // before RCPT
            client.command("MAIL FROM:<a@example.com>").expect(503, "5.5.1"); // nested MAIL
            client.command("RCPT TO:<b@example.com>").expect(250, "2.1.5");
            client.command("DATA").expect(354);
            client.send(message("after errors", "ok") + ".\r\n");
            client.readReply().expect(250, "2.0.0"); // the refused commands broke nothing
        }
        assertThat(server.takeMessage(SmtpChecks.WAIT).subject()).isEqualTo("after errors");
    }

    @Test
    void rfc5321_4_1_4_ehloInTheMiddleOfATransactionResetsIt() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            client.command("RCPT TO:<b@example.com>").expect(250, "2.1.5");
            client.ehlo().expect(250);
            client.command("DATA").expect(503, "5.5.1");
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc5321_4_5_3_1_8_hundredRecipientsAreAccepted() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            for (int i = 1; i <= 100; i++) {
                client.command("RCPT TO:<rcpt" + i + "@example.com>").expect(250, "2.1.5");
            }
            client.command("DATA").expect(354);
            client.send(message("many", "x") + ".\r\n");
            client.readReply().expect(250, "2.0.0");
        }
        List<String> recipients = server.takeMessage(SmtpChecks.WAIT).envelopeRecipients();
        assertThat(recipients).hasSize(100).startsWith("rcpt1@example.com").endsWith("rcpt100@example.com");
    }

    @Test
    void rfc5321_4_5_3_1_10_recipientsOverTheCapGet452AndTheOthersStillGetTheMessage() {
        try (FakeSmtpServer capped = FakeSmtpServer.builder().maxRecipients(2).start();
                SmtpTestClient client = SmtpTestClient.ready(capped)) {
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            client.command("RCPT TO:<one@example.com>").expect(250, "2.1.5");
            client.command("RCPT TO:<two@example.com>").expect(250, "2.1.5");
            client.command("RCPT TO:<three@example.com>").expect(452, "4.5.3");
            client.command("DATA").expect(354);
            client.send(message("capped", "x") + ".\r\n");
            client.readReply().expect(250, "2.0.0");
            assertThat(capped.takeMessage(SmtpChecks.WAIT).envelopeRecipients())
                    .containsExactly("one@example.com", "two@example.com");
        }
    }

    @Test
    void rfc5321_4_1_1_11_unknownMailParameterIs555() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<a@example.com> FOO=BAR").expect(555, "5.5.4");
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            client.command("RCPT TO:<b@example.com> NOTIFY=NEVER").expect(555, "5.5.4"); // DSN not offered
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc5321_4_1_1_3_sourceRoutesAreAcceptedAndIgnored() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            client.command("RCPT TO:<@relay.example,@other.example:bob@example.com>").expect(250, "2.1.5");
            client.command("DATA").expect(354);
            client.send(message("routed", "x") + ".\r\n");
            client.readReply().expect(250, "2.0.0");
        }
        assertThat(server.takeMessage(SmtpChecks.WAIT).envelopeRecipients()).containsExactly("bob@example.com");
    }

    /**
     * RFC 2034 section 3: every reply except the greeting and the replies to EHLO/HELO starts with an
     * enhanced status code whose class matches the reply code. 354 (an intermediate reply that Postfix also
     * sends bare) is the one other exception.
     */
    @Test
    void rfc2034_3_everyOtherReplyCarriesAnEnhancedStatusCode() {
        List<String> commands = List.of("NOOP", "VRFY x", "HELP", "EXPN x", "FOO", "RCPT TO:<b@example.com>",
                "MAIL FROM:<a@example.com> X=Y", "MAIL FROM:bad", "MAIL FROM:<a@example.com>",
                "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.com>", "RCPT TO:bad", "BDAT x", "STARTTLS",
                "AUTH PLAIN", "RSET", "QUIT");
        List<Reply> replies = new ArrayList<>();
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            for (String command : commands) {
                replies.add(client.command(command));
            }
        }
        assertThat(replies).hasSize(commands.size()).allSatisfy(reply -> {
            assertThat(reply.hasEnhancedCode()).as("enhanced code in %s", reply).isTrue();
            assertThat(reply.lines().get(0).charAt(0) - '0').as("class of %s", reply).isEqualTo(reply.code() / 100);
        });
    }
}
