package io.github.fakesmtp.assertj;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.MailClientProperties;
import io.github.fakesmtp.junit5.FakeSmtp;
import io.github.fakesmtp.junit5.TestMail;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;

/** The assertions against real mail, checked by what their failure messages say. */
@FakeSmtp
@Timeout(30)
class FakeSmtpAssertionsTest {

    @Test
    void theDesignExampleReadsAsItShould(FakeSmtpServer smtp) {
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> TestMail.send(smtp, "bob@example.com",
                "Reset your password", "Open https://example.com/reset?token=abc123"));

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedExactly(1)
                .firstMessage()
                    .hasSubject("Reset your password")
                    .hasRecipient("bob@example.com")
                    .hasTextBodyContaining("https://example.com/reset?token=");
        sending.join();
    }

    @Test
    void aWrongSubjectShowsBothAndIsDiffable(FakeSmtpServer smtp) {
        TestMail.send(smtp, "bob@example.com", "Welcome!", "hi");

        assertThatThrownBy(() -> assertThat(smtp).hasReceivedExactly(1).firstMessage().hasSubject("Welcome"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("expected subject 'Welcome' but was 'Welcome!'\nin message #1 "
                        + "from=<app@example.com> to=[bob@example.com]")
                .satisfies(e -> {
                    AssertionFailedError failure = (AssertionFailedError) e;
                    org.assertj.core.api.Assertions.assertThat(failure.getExpected().getValue()).isEqualTo("Welcome");
                    org.assertj.core.api.Assertions.assertThat(failure.getActual().getValue()).isEqualTo("Welcome!");
                });
    }

    @Test
    void aWrongCountListsWhatArrived(FakeSmtpServer smtp) {
        TestMail.send(smtp, "bob@example.com", "one", "1");
        TestMail.send(smtp, "bob@example.com", "two", "2");

        assertThatThrownBy(() -> assertThat(smtp).messagesTo("bob@example.com").hasSize(1))
                .hasMessageStartingWith("expected 1 message to bob@example.com but received 2 messages:\n"
                        + "  #1 from=<app@example.com> to=[bob@example.com] subject='one' size=")
                .hasMessageContaining("\n  #2 from=<app@example.com> to=[bob@example.com] subject='two' size=");
        assertThatThrownBy(() -> assertThat(smtp).hasReceivedNothing())
                .hasMessageStartingWith("expected no message but received 2 messages:");
        assertThatThrownBy(() -> assertThat(smtp).messageAt(2))
                .hasMessageStartingWith("expected a message at index 2 but received 2 messages:");
        assertThat(smtp).hasReceivedAtLeast(2).lastMessage().hasSubject("two");
        assertThat(smtp).messageAt(0).hasSubject("one");
        assertThat(smtp).messagesTo("BOB@EXAMPLE.COM".toLowerCase()).firstMessage().hasSubject("one");
    }

    @Test
    void awaitingGivesUpAtTheDeadlineAndSaysSo(FakeSmtpServer smtp) {
        assertThatThrownBy(() -> assertThat(smtp).awaitingAtMost(Duration.ofMillis(200)).hasReceivedExactly(1))
                .hasMessage("expected 1 message within 200 ms but received none");
    }

    @Test
    void awaitingAMatchingMessageWaitsForArrivals(FakeSmtpServer smtp) {
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            TestMail.send(smtp, "alice@example.com", "first", "1");
            TestMail.send(smtp, "bob@example.com", "second", "2");
        });

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedMessageMatching(m -> "second".equals(m.subject()), "has subject 'second'");
        sending.join();
        assertThatThrownBy(() -> assertThat(smtp).hasReceivedMessageMatching(m -> false, "is impossible"))
                .hasMessageStartingWith("expected a message that is impossible but received 2 messages:");
    }

    @Test
    void envelopeHeadersBodiesAndAttachments(FakeSmtpServer smtp) throws Exception {
        Session session = Session.getInstance(MailClientProperties.jakartaMail(smtp));
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("app@example.com"));
        message.setRecipients(Message.RecipientType.TO, "bob@example.com");
        message.setRecipients(Message.RecipientType.CC, "carol@example.com");
        message.setRecipients(Message.RecipientType.BCC, "audit@example.com");
        message.setReplyTo(InternetAddress.parse("support@example.com"));
        message.setSubject("Invoice");
        message.setHeader("X-Campaign", "spring");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Your invoice is attached.", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Your <b>invoice</b></p>", "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource("%PDF-1.4".getBytes(StandardCharsets.US_ASCII),
                "application/pdf")));
        pdf.setFileName("invoice.pdf");
        message.setContent(new MimeMultipart(body, pdf));
        Transport.send(message);

        ReceivedMessageAssert received = assertThat(smtp).hasReceivedExactly(1).firstMessage();
        received.hasEnvelopeSender("app@example.com")
                .hasRecipients("bob@example.com", "carol@example.com", "audit@example.com")
                .hasRecipient("audit@example.com")
                .hasFrom("app@example.com").hasTo("bob@example.com").hasCc("carol@example.com")
                .hasReplyTo("support@example.com")
                .hasHeader("X-Campaign").hasHeader("X-Campaign", "spring")
                .hasTextBody("Your invoice is attached.")
                .hasTextBodyMatching("invoice is \\w+")
                .hasHtmlBodyContaining("<b>invoice</b>")
                .hasAttachmentNamed("invoice.pdf")
                .hasAttachment("invoice.pdf", "application/pdf")
                .hasAttachmentWithContent("invoice.pdf", "%PDF-1.4")
                .hasSizeAtMost(10_000);

        assertThatThrownBy(() -> received.hasTo("carol@example.com"))
                .hasMessageContaining("elements not found:\n  [\"carol@example.com\"]");
        assertThatThrownBy(() -> received.hasHeader("X-Campaign", "autumn"))
                .hasMessageStartingWith("expected header X-Campaign 'autumn' but was 'spring'");
        assertThatThrownBy(() -> received.hasHeader("X-Missing"))
                .hasMessageStartingWith("expected header 'X-Missing' but there is none; the headers were:\n  ")
                .hasMessageContaining("X-Campaign: spring");
        assertThatThrownBy(() -> received.hasTextBodyContaining("refund", "attached"))
                .hasMessageStartingWith("expected text body to contain 'refund' but was 'Your invoice is attached.'");
        assertThatThrownBy(() -> received.hasAttachmentNamed("receipt.pdf"))
                .hasMessageStartingWith("expected an attachment named 'receipt.pdf' but the attachments were "
                        + "[Attachment[invoice.pdf, application/pdf, 8 bytes]]");
        assertThatThrownBy(() -> received.hasAttachment("invoice.pdf", "image/png"))
                .hasMessageStartingWith("expected content type of attachment invoice.pdf 'image/png' but was 'application/pdf'");
        assertThatThrownBy(received::wasSentWithTls)
                .hasMessageStartingWith("expected the message to be sent over TLS but it was sent in plain text");
        assertThatThrownBy(() -> received.wasAuthenticatedAs("app"))
                .hasMessageStartingWith("expected the client to be authenticated as 'app' but it did not authenticate");
        assertThatThrownBy(() -> received.hasSizeAtMost(10))
                .hasMessageStartingWith("expected a size of at most 10 bytes but was ");
    }

    @Test
    void addressListsAreExactInAnyOrderUnlessInOrderOrASubsetIsAsked(FakeSmtpServer smtp) throws Exception {
        sendTo(smtp, "a@example.com, b@example.com", "c@example.com", "hidden@example.com");
        ReceivedMessageAssert received = assertThat(smtp).firstMessage();

        received.hasRecipients("hidden@example.com", "c@example.com", "b@example.com", "a@example.com")
                .hasRecipients("a@EXAMPLE.com", "b@example.COM", "c@example.com", "hidden@example.com")
                .hasRecipientsInOrder("a@example.com", "b@example.com", "c@example.com", "hidden@example.com")
                .containsRecipients("hidden@example.com", "a@example.com")
                .hasTo("b@example.com", "a@example.com").containsTo("b@example.com")
                .hasCc("c@example.com").containsCc("c@example.com");

        assertThatThrownBy(() -> received.hasTo("a@example.com", "a@example.com"))
                .as("the same number of addresses, each expected one present, is not the same list")
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("[To] \nExpecting actual:\n  [\"a@example.com\", \"b@example.com\"]\n"
                        + "to contain exactly in any order:\n  [\"a@example.com\", \"a@example.com\"]\n"
                        + "elements not found:\n  [\"a@example.com\"]\nand elements not expected:\n  [\"b@example.com\"]\n"
                        + "when comparing values using address comparison (local part exact, domain in any case)")
                .hasMessageContaining("\nin message #1 from=<app@example.com> to=[a@example.com, b@example.com,")
                .satisfies(e -> {
                    AssertionFailedError failure = (AssertionFailedError) e;
                    org.assertj.core.api.Assertions.assertThat(failure.getExpected().getValue())
                            .isEqualTo(List.of("a@example.com", "a@example.com"));
                    org.assertj.core.api.Assertions.assertThat(failure.getActual().getValue())
                            .isEqualTo(List.of("a@example.com", "b@example.com"));
                });
        assertThatThrownBy(() -> received.hasRecipients("a@example.com", "b@example.com", "c@example.com"))
                .hasMessageContaining("but the following elements were unexpected:\n  [\"hidden@example.com\"]");
        assertThatThrownBy(() -> received.hasTo("A@example.com", "b@example.com"))
                .as("the local part is compared exactly (RFC 5321 section 2.4)")
                .hasMessageContaining("elements not found:\n  [\"A@example.com\"]");
        assertThatThrownBy(() -> received.hasRecipientsInOrder("b@example.com", "a@example.com", "c@example.com",
                "hidden@example.com"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("[envelope recipients] \nExpecting actual:\n  [\"a@example.com\", \"b@example.com\", "
                        + "\"c@example.com\", \"hidden@example.com\"]\nto contain exactly (and in same order):")
                .hasMessageContaining("element at index 0: expected \"b@example.com\" but was \"a@example.com\"\n"
                        + "  - element at index 1: expected \"a@example.com\" but was \"b@example.com\"\nin message #1 ");
        assertThatThrownBy(() -> received.containsRecipients("a@example.com", "z@example.com"))
                .hasMessageContaining("[envelope recipients] \nExpecting ArrayList:\n  [\"a@example.com\", \"b@example.com\", "
                        + "\"c@example.com\", \"hidden@example.com\"]\nto contain:\n  [\"a@example.com\", \"z@example.com\"]\n"
                        + "but could not find the following element(s):\n  [\"z@example.com\"]");
        assertThatThrownBy(() -> received.containsCc("a@example.com")).hasMessageStartingWith("[Cc] ");
        assertThatThrownBy(() -> received.hasFrom("app@example.com", "app@example.com")).hasMessageStartingWith("[From] ");
        assertThatThrownBy(() -> received.hasReplyTo("support@example.com"))
                .hasMessageContaining("Expecting actual:\n  []\nto contain exactly in any order:\n  [\"support@example.com\"]");
    }

    @Test
    void softAddressChecksCollectEachMismatch(FakeSmtpServer smtp) throws Exception {
        sendTo(smtp, "a@example.com, b@example.com", null, null);

        assertThatThrownBy(() -> FakeSmtpSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(smtp).firstMessage().hasTo("a@example.com", "a@example.com").containsTo("z@example.com")
                    .hasRecipientsInOrder("b@example.com", "a@example.com").hasRecipients("b@example.com", "a@example.com");
        }))
                .hasMessageContaining("Multiple Failures (3 failures)")
                .hasMessageContaining("to contain exactly in any order:")
                .hasMessageContaining("but could not find the following element(s):\n  [\"z@example.com\"]")
                .hasMessageContaining("to contain exactly (and in same order):");
    }

    /** Sends one message with these To and Cc headers (null for none) and Bcc recipients. */
    private static void sendTo(FakeSmtpServer smtp, String to, String cc, String bcc) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(MailClientProperties.jakartaMail(smtp)));
        message.setFrom(new InternetAddress("app@example.com"));
        message.setRecipients(Message.RecipientType.TO, to);
        if (cc != null) {
            message.setRecipients(Message.RecipientType.CC, cc);
        }
        if (bcc != null) {
            message.setRecipients(Message.RecipientType.BCC, bcc);
        }
        message.setSubject("Addresses");
        message.setText("x");
        Transport.send(message);
    }

    @Test
    void tlsAuthAndSmtpUtf8AreVisible() {
        try (FakeSmtpServer smtp = FakeSmtpServer.builder().tls(io.github.fakesmtp.TlsMode.STARTTLS)
                .user("app", "s3cret").start()) {
            TestMail.send(smtp, "app", "s3cret", "bob@example.com", "Secure", "text");

            assertThat(smtp).hasReceivedExactly(1).firstMessage()
                    .wasSentWithTls()
                    .wasAuthenticatedAs("app");
            assertThatThrownBy(() -> assertThat(smtp).firstMessage().wasSentWith8BitMime())
                    .hasMessageStartingWith("expected BODY type '8BITMIME' but was '7BIT'");
            assertThatThrownBy(() -> assertThat(smtp).firstMessage().wasAuthenticatedAs("admin"))
                    .hasMessageStartingWith("expected authenticated user 'admin' but was 'app'");
            assertThatThrownBy(() -> assertThat(smtp).firstMessage().wasSentWithSmtpUtf8())
                    .hasMessageStartingWith("expected the message to be sent with SMTPUTF8 but MAIL FROM did not carry it");
        }
    }

    @Test
    void softAssertionsCollectEveryFailureIncludingMissingMessages(FakeSmtpServer smtp) {
        TestMail.send(smtp, "bob@example.com", "Welcome!", "hi");

        assertThatThrownBy(() -> FakeSmtpSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(smtp).hasReceivedExactly(2);
            softly.assertThat(smtp).firstMessage().hasSubject("Welcome").hasRecipient("eve@example.com");
            softly.assertThat(smtp).messageAt(5).hasSubject("never checked");
            softly.assertThat(smtp).messagesTo("nobody@example.com").singleMessage().hasSubject("never checked");
        }))
                .hasMessageContaining("Multiple Failures (5 failures)")
                .hasMessageContaining("expected 2 messages but received 1 message:")
                .hasMessageContaining("expected subject 'Welcome' but was 'Welcome!'")
                .hasMessageContaining("expected envelope recipient 'eve@example.com' but the recipients were [bob@example.com]")
                .hasMessageContaining("expected a message at index 5 but received 1 message:")
                .hasMessageContaining("expected exactly one message to nobody@example.com but received none")
                .hasMessageNotContaining("never checked");
    }
}
