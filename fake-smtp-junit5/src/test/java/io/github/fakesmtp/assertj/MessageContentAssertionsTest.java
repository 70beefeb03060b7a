package io.github.fakesmtp.assertj;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.MailClientProperties;
import io.github.fakesmtp.Problem;
import io.github.fakesmtp.ReceivedMessage;
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
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;

/** Links and codes, bodies compared as meant, display names, negative checks and the lint, on real mail. */
@FakeSmtp
@Timeout(30)
class MessageContentAssertionsTest {

    private static final String RESET = "https://app.example.com/reset?token=r3set";

    @Test
    void linksAndCodesAreFoundWithoutARegexOverHtml(FakeSmtpServer smtp) throws Exception {
        sendAlternative(smtp, "Your code: 481516\nOr open " + RESET + "\n",
                "<p>Your code: <b>481516</b></p><p><a href=\"" + RESET.replace("&", "&amp;") + "\">Reset</a></p>");
        ReceivedMessageAssert message = assertThat(smtp).firstMessage();

        message.hasLinkContaining("/reset?token=")
                .hasLinkMatching("token=\\w+$")
                .hasNoLinkTo("localhost")
                .hasNoLinkTo("example.org");
        message.extractingLink("/reset\\?token=").startsWith("https://").endsWith("r3set");
        message.extractingMatch("code: (\\d{6})").isEqualTo("481516");

        assertThatThrownBy(() -> message.hasLinkContaining("/confirm"))
                .hasMessageStartingWith("expected a link containing '/confirm' but the links were:\n"
                        + "  HTML " + RESET + " \"Reset\"\nin message #1 ");
        assertThatThrownBy(() -> message.hasNoLinkTo("EXAMPLE.com"))
                .hasMessageStartingWith("expected no link to EXAMPLE.com but found\n  HTML " + RESET + " \"Reset\"");
        assertThatThrownBy(() -> message.extractingLink("/confirm"))
                .hasMessageStartingWith("expected a link matching //confirm/ but the links were:");
        assertThatThrownBy(() -> message.extractingLink("reset").startsWith("http://"))
                .hasMessageStartingWith("[link matching /reset/ in message #1] \nExpecting actual:\n  \"" + RESET + "\"\n"
                        + "to start with:\n  \"http://\"");
        assertThatThrownBy(() -> message.extractingMatch("code: (\\d{8})"))
                .hasMessageStartingWith("expected a match for /code: (\\d{8})/ but found none: its text body is "
                        + "'Your code: 481516\\r\\nOr open " + RESET + "\\r\\n'; its HTML body's visible text is "
                        + "'Your code: 481516 Reset'\nin message #1");
    }

    @Test
    void softAssertionsCollectAMissingLinkOnceAndCheckTheExtractedOnes(FakeSmtpServer smtp) throws Exception {
        sendAlternative(smtp, "Open " + RESET, "<a href=\"" + RESET + "\">Reset</a>");

        assertThatThrownBy(() -> FakeSmtpSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(smtp).firstMessage().extractingLink("/confirm").startsWith("never checked");
            softly.assertThat(smtp).firstMessage().extractingLink("/reset").startsWith("http://");
            softly.assertThat(smtp.messages().get(0)).extractingMatch("code (\\d+)").isEqualTo("never checked");
            softly.assertThat(smtp.messages().get(0)).extractingMatch("token=(\\w+)").isEqualTo("r3set");
            softly.assertThat(smtp).messageAt(3).extractingLink("x").startsWith("never checked");
        }))
                .hasMessageContaining("Multiple Failures (4 failures)")
                .hasMessageContaining("expected a link matching //confirm/ but the links were:")
                .hasMessageContaining("[link matching //reset/ in message #1]")
                .hasMessageContaining("expected a match for /code (\\d+)/ but found none")
                .hasMessageContaining("expected a message at index 3")
                .hasMessageNotContaining("never checked");
    }

    /** The same setText("Hi bob") arrives with or without a trailing CRLF, by the client's choice of encoding. */
    @ParameterizedTest
    @ValueSource(strings = {"7bit", "quoted-printable", "base64"})
    void aTextBodyComparesAsMeantWhateverTheTransferEncoding(String encoding, FakeSmtpServer smtp) throws Exception {
        MimeMessage mail = mail(smtp);
        mail.setText("Hi bob\nsee you", "UTF-8");
        mail.setHeader("Content-Transfer-Encoding", encoding);
        Transport.send(mail);
        ReceivedMessage message = smtp.takeMessage(Duration.ofSeconds(5));

        assertThat(message).hasTextBody("Hi bob\nsee you").hasTextBody("Hi bob\r\nsee you\r\n")
                .hasTextBodyExactly(message.textBody());
        assertThatThrownBy(() -> assertThat(message).hasTextBody("Hi bob\nsee you\n\n"))
                .as("one trailing line break is ignored, not two")
                .isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void differencesInInvisibleCharactersAreShown(FakeSmtpServer smtp) throws Exception {
        MimeMessage mail = mail(smtp);
        mail.setSubject("Hi\u00a0bob", "UTF-8");
        mail.setText("Hi bob \r\nBye\tnow\r\n", "UTF-8");
        mail.setHeader("Content-Transfer-Encoding", "quoted-printable");
        Transport.send(mail);
        ReceivedMessageAssert message = assertThat(smtp).firstMessage();

        assertThatThrownBy(() -> message.hasSubject("Hi bob"))
                .hasMessageStartingWith("expected subject 'Hi bob' but was 'Hi\\u00a0bob' (they first differ at character 2)");
        assertThatThrownBy(() -> message.hasTextBodyExactly("Hi bob\nBye now"))
                .hasMessageStartingWith("expected text body 'Hi bob\\nBye now' but was 'Hi bob␠\\r\\nBye\\tnow\\r\\n' "
                        + "(they first differ at character 6)");
        assertThatThrownBy(() -> message.hasTextBody("Hi bob\nBye now"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("expected text body 'Hi bob\\nBye now' but was 'Hi bob␠\\r\\nBye\\tnow\\r\\n' "
                        + "(they first differ at character 6)\n(compared with CRLF, CR and LF alike and one trailing "
                        + "line break ignored; hasTextBodyExactly compares exactly)\nin message #1")
                .satisfies(e -> {
                    AssertionFailedError failure = (AssertionFailedError) e;
                    org.assertj.core.api.Assertions.assertThat(failure.getActual().getValue()).isEqualTo("Hi bob \nBye\tnow");
                    org.assertj.core.api.Assertions.assertThat(failure.getExpected().getValue()).isEqualTo("Hi bob\nBye now");
                });
    }

    @Test
    void htmlBodiesAndTextAttachmentsCompareAsMeantToo(FakeSmtpServer smtp) throws Exception {
        MimeMessage mail = mail(smtp);
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p>Hi</p>\r\n", "UTF-8", "html");
        MimeBodyPart csv = attachment("a;b\r\n1;2\r\n".getBytes(StandardCharsets.UTF_8), "text/csv", "rows.csv");
        mail.setContent(new MimeMultipart(html, csv));
        Transport.send(mail);
        ReceivedMessageAssert message = assertThat(smtp).firstMessage();

        message.hasHtmlBody("<p>Hi</p>").hasHtmlBodyExactly("<p>Hi</p>\r\n")
                .hasAttachmentWithContent("rows.csv", "a;b\n1;2")
                .hasAttachmentWithContentExactly("rows.csv", "a;b\r\n1;2\r\n");
        assertThatThrownBy(() -> message.hasHtmlBodyExactly("<p>Hi</p>"))
                .hasMessageStartingWith("expected HTML body '<p>Hi</p>' but was '<p>Hi</p>\\r\\n'");
        assertThatThrownBy(() -> message.hasAttachmentWithContentExactly("rows.csv", "a;b\n1;2\n"))
                .hasMessageStartingWith("expected content of attachment rows.csv 'a;b\\n1;2\\n' but was 'a;b\\r\\n1;2\\r\\n'");
    }

    @Test
    void bytesThatDifferShowTheFirstDifferenceWithEscapedWindows(FakeSmtpServer smtp) throws Exception {
        byte[] sent = "0123456789ABCDEFGHIJline one\r\nline two\r\n\u0000endXXXXXXXXXX".getBytes(StandardCharsets.ISO_8859_1);
        MimeMessage mail = mail(smtp);
        mail.setContent(new MimeMultipart(attachment(sent, "application/octet-stream", "data.bin")));
        Transport.send(mail);
        byte[] expected = "0123456789ABCDEFGHIJline one\nline two\r\n\u0000end!XXXXXXXXXX".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> assertThat(smtp).firstMessage().hasAttachmentWithContent("data.bin", expected))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("expected attachment 'data.bin' to have 54 bytes and it has as many, which first "
                        + "differ at offset 28: expected …'CDEFGHIJline one\\nline two\\r\\n\\x00end!'… "
                        + "but was …'CDEFGHIJline one\\r\\nline two\\r\\n\\x00end'…\nin message #1");
        assertThatThrownBy(() -> assertThat(smtp).firstMessage().hasAttachmentWithContent("data.bin", new byte[] {'0'}))
                .hasMessageStartingWith("expected attachment 'data.bin' to have 1 byte but it has 54, which first "
                        + "differ at offset 1: expected '0' but was '0123456789ABCDEFG'…");
    }

    @Test
    void displayNamesAreComparedWhenTheExpectedMailboxHasOne(FakeSmtpServer smtp) throws Exception {
        MimeMessage mail = mail(smtp);
        mail.setFrom(new InternetAddress("noreply@example.com", "Fjällbo Accounts", "UTF-8"));
        mail.setRecipients(Message.RecipientType.TO, new InternetAddress[] {
            new InternetAddress("zoe@example.com", "Zoë Ångström", "UTF-8"), new InternetAddress("bob@example.com")});
        mail.setText("x");
        Transport.send(mail);
        ReceivedMessageAssert message = assertThat(smtp).firstMessage();

        message.hasFrom("noreply@example.com")
                .hasFrom("Fjällbo Accounts <noreply@EXAMPLE.com>")
                .hasFrom("=?UTF-8?Q?Fj=C3=A4llbo_Accounts?= <noreply@example.com>")
                .hasFromName("Fjällbo Accounts")
                .hasTo("bob@example.com", "Zoë Ångström <zoe@example.com>")
                .containsTo("Zoë Ångström <zoe@example.com>");

        assertThatThrownBy(() -> message.hasFrom("Fjallbo Accounts <noreply@example.com>"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("elements not found:\n  [\"Fjallbo Accounts <noreply@example.com>\"]\n"
                        + "and elements not expected:\n  [\"Fjällbo Accounts <noreply@example.com>\"]\n"
                        + "when comparing values using mailbox comparison (display name exact, local part exact, domain in any case)");
        assertThatThrownBy(() -> message.hasTo("Bob <bob@example.com>", "Zoë Ångström <zoe@example.com>"))
                .as("with names asked for, a mailbox without one is not a match")
                .hasMessageContaining("elements not found:\n  [\"Bob <bob@example.com>\"]");
        assertThatThrownBy(() -> message.hasFromName("Fjällbo"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("expected From display name 'Fjällbo' but the From header was "
                        + "Fjällbo Accounts <noreply@example.com>\nin message #1");
    }

    @Test
    void negativeChecksNameWhatIsThere(FakeSmtpServer smtp) throws Exception {
        MimeMessage mail = mail(smtp);
        mail.setRecipients(Message.RecipientType.BCC, "audit@example.com");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p>Hi</p>", "UTF-8", "html");
        mail.setContent(new MimeMultipart(html, attachment(new byte[] {1}, "application/pdf", "a.pdf")));
        mail.setHeader("X-Campaign", "spring ");
        Transport.send(mail);
        TestMail.send(smtp, "bob@example.com", "plain", "text");
        ReceivedMessageAssert first = assertThat(smtp).firstMessage();

        assertThat(smtp).lastMessage().hasNoHtmlBody().hasNoAttachments().hasNoHeader("Bcc").hasNoRecipient("audit@example.com");
        first.hasNoHeader("Bcc").hasNoRecipient("eve@example.com");
        assertThatThrownBy(() -> first.hasNoRecipient("AUDIT@example.com".toLowerCase()))
                .hasMessageStartingWith("expected no envelope recipient 'audit@example.com' but the recipients were "
                        + "[bob@example.com, audit@example.com]");
        assertThatThrownBy(() -> first.hasNoHeader("x-campaign"))
                .hasMessageStartingWith("expected no header 'x-campaign' but it has x-campaign: 'spring␠'");
        assertThatThrownBy(first::hasNoHtmlBody).hasMessageStartingWith("expected no HTML body but it has '<p>Hi</p>'");
        assertThatThrownBy(first::hasNoAttachments)
                .hasMessageStartingWith("expected no attachments but there is [Attachment[a.pdf, application/pdf, 1 bytes]]");
    }

    @Test
    void aSelectionThatFindsNothingListsEverythingThatArrived(FakeSmtpServer smtp) {
        TestMail.send(smtp, "bob@example.com", "for bob", "1");

        assertThatThrownBy(() -> assertThat(smtp).messagesTo("carol@example.com").singleMessage())
                .hasMessageStartingWith("expected exactly one message to carol@example.com but received none; "
                        + "the server received 1 message:\n  #1 from=<app@example.com> to=[bob@example.com] subject='for bob'");
        assertThatThrownBy(() -> assertThat(smtp).messagesTo("carol@example.com").hasSize(1))
                .hasMessageContaining("but received none; the server received 1 message:\n  #1 ");
        assertThatThrownBy(() -> assertThat(smtp).awaitingAtMost(Duration.ofMillis(100)).messagesTo("carol@example.com")
                .firstMessage())
                .hasMessageStartingWith("expected a message to carol@example.com within 100 ms but received none; "
                        + "the server received 1 message:");
    }

    @Test
    void aWellFormedMailPassesTheLintAndABrokenOneListsEveryProblem(FakeSmtpServer smtp) throws Exception {
        sendAlternative(smtp, "Hi", "<p>Hi <a href=\"" + RESET + "\">reset</a></p>");
        TestMail.sendRaw(smtp, """
                From: app@example.com
                Subject: Hi
                Content-Type: text/html; charset=UTF-8

                <a href="/reset">Reset</a> <img src="http://localhost:8080/logo.png">
                """);

        assertThat(smtp).firstMessage().isWellFormed();
        ReceivedMessageAssert broken = assertThat(smtp).lastMessage();
        broken.isWellFormedIgnoring(Problem.MISSING_DATE, Problem.MISSING_MESSAGE_ID, Problem.RELATIVE_LINK,
                Problem.LOCALHOST_LINK, Problem.IMAGE_WITHOUT_ALT, Problem.MISSING_TEXT_ALTERNATIVE);
        assertThatThrownBy(broken::isWellFormed)
                .hasMessageStartingWith("expected a well-formed message but found 6 problems:\n"
                        + "  - MISSING_DATE: has no Date header: the header has no Date field (RFC 5322 section 3.6: Date is required)\n"
                        + "  - MISSING_MESSAGE_ID: ")
                .hasMessageContaining("\n  - RELATIVE_LINK: links to a relative URL: <a href=\"/reset\"> (a mail has no base URL")
                .hasMessageContaining("\n  - LOCALHOST_LINK: links to localhost or a loopback address: <img src=\"http://localhost:8080/logo.png\">")
                .hasMessageContaining("\n  - IMAGE_WITHOUT_ALT: ")
                .hasMessageContaining("\n  - MISSING_TEXT_ALTERNATIVE: ")
                .hasMessageContaining("\nin message #2 ");
        assertThatThrownBy(() -> broken.isWellFormedIgnoring(Problem.MISSING_DATE, Problem.MISSING_MESSAGE_ID,
                Problem.RELATIVE_LINK, Problem.LOCALHOST_LINK, Problem.IMAGE_WITHOUT_ALT))
                .hasMessageStartingWith("expected a well-formed message but found 1 problem:\n  - MISSING_TEXT_ALTERNATIVE: ");
    }

    private static MimeMessage mail(FakeSmtpServer smtp) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(MailClientProperties.jakartaMail(smtp)));
        mail.setFrom(new InternetAddress("app@example.com"));
        mail.setRecipients(Message.RecipientType.TO, "bob@example.com");
        mail.setSubject("Test");
        mail.setSentDate(new Date());
        return mail;
    }

    private static void sendAlternative(FakeSmtpServer smtp, String text, String html) throws Exception {
        MimeMessage mail = mail(smtp);
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        mail.setContent(new MimeMultipart("alternative", plain, rich));
        Transport.send(mail);
    }

    private static MimeBodyPart attachment(byte[] content, String type, String name) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        part.setFileName(name);
        return part;
    }
}
