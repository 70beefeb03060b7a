package io.github.fakesmtp;

import static io.github.fakesmtp.RawMail.alternative;
import static io.github.fakesmtp.RawMail.crlf;
import static io.github.fakesmtp.RawMail.mail;
import static io.github.fakesmtp.RawMail.text;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * {@link ReceivedMessage#problems()}: for every {@link Problem}, a mail that trips it (and nothing else) and a
 * mail that differs from it only in the fix and passes every check. Mail that libraries would not produce is
 * sent byte for byte over raw SMTP; the well-formed mail of real clients must pass with no finding at all.
 */
class MailLintTest extends ServerPerTest {

    private static final String LONG_LINE = "x".repeat(999);

    static Stream<Arguments> eachCheck() {
        return Stream.of(
                // RFC 5322 section 3.6: Date and From are required
                row(Problem.MISSING_DATE, data(text("Hi").replace("Date: Mon, 2 Mar 2026 10:00:00 +0000\n", "")),
                        data(text("Hi")), "the header has no Date field"),
                row(Problem.MISSING_FROM, data(text("Hi").replace("From: App <app@example.com>\n", "")),
                        data(text("Hi")), "the header has no From field"),
                // RFC 5322 section 3.6: at most one Subject (and To, Cc, Message-ID …)
                row(Problem.DUPLICATE_HEADER, data(text("Hi").replace("Subject: Hello\n", "Subject: Hello\nSubject: Again\n")),
                        data(text("Hi").replace("Subject: Hello\n", "Subject: Hello\nComments: one\nComments: two\n")),
                        "Subject occurs 2 times"),
                // RFC 5322 section 3.6.4
                row(Problem.MISSING_MESSAGE_ID, data(text("Hi").replace("Message-ID: <1.2026@app.example.com>\n", "")),
                        data(text("Hi")), "the header has no Message-ID field"),
                row(Problem.MALFORMED_MESSAGE_ID, data(text("Hi").replace("<1.2026@app.example.com>", "1.2026@app.example.com")),
                        data(text("Hi").replace("<1.2026@app.example.com>", "<1.2026@[192.0.2.1]>")),
                        "Message-ID: 1.2026@app.example.com"),
                // RFC 5322 section 2.2 and RFC 6532: raw UTF-8 in a header needs SMTPUTF8
                row(Problem.NON_ASCII_HEADER, data(text("Hi").replace("Subject: Hello", "Subject: Grüße")),
                        new Send("SMTPUTF8 BODY=8BITMIME", crlf(text("Hi").replace("Subject: Hello", "Subject: Grüße")), false),
                        "Subject: Grüße"),
                // RFC 2045 section 6.2: 8-bit octets need Content-Transfer-Encoding 8bit ...
                row(Problem.UNDECLARED_8BIT, new Send("BODY=8BITMIME", crlf(text("Grüße")), false),
                        new Send("BODY=8BITMIME", crlf(text("Grüße").replace("charset=UTF-8\n",
                                "charset=UTF-8\nContent-Transfer-Encoding: 8bit\n")), false),
                        "the body (text/plain) has 8-bit octets but Content-Transfer-Encoding 7bit"),
                // ... and RFC 6152: an envelope that says BODY=8BITMIME
                row(Problem.UNDECLARED_8BIT, data(text("Grüße").replace("charset=UTF-8\n",
                                "charset=UTF-8\nContent-Transfer-Encoding: 8bit\n")),
                        new Send("BODY=8BITMIME", crlf(text("Grüße").replace("charset=UTF-8\n",
                                "charset=UTF-8\nContent-Transfer-Encoding: 8bit\n")), false),
                        "the body has 8-bit octets (first on line 10) but MAIL FROM declared neither BODY=8BITMIME nor SMTPUTF8"),
                // RFC 5322 section 2.1.1: 998 octets before CRLF at most; DATA refuses more, BDAT carries it
                row(Problem.LINE_TOO_LONG, new Send("", crlf(text(LONG_LINE)), true),
                        new Send("", crlf(text(LONG_LINE.substring(1))), true), "line 9 is 999 octets"),
                // RFC 5322 section 2.3
                row(Problem.BARE_LINE_ENDING, new Send("", text("one\u2424two").replace("\n", "\r\n")
                                .replace("\u2424", "\n").getBytes(StandardCharsets.UTF_8), false),
                        data(text("one\ntwo")), "a bare LF on line 9"),
                // a mail has no base URL
                row(Problem.RELATIVE_LINK, data(alternative("<p><a href=\"/reset?token=1\">Reset</a></p>")),
                        data(alternative("<p><a href=\"https://app.example.com/reset?token=1\">Reset</a> <a href=\"#top\">top</a></p>")),
                        "<a href=\"/reset?token=1\">"),
                row(Problem.LOCALHOST_LINK, data(alternative("<p><a href=\"http://localhost:8080/reset\">Reset</a></p>")),
                        data(alternative("<p><a href=\"https://app.example.com/reset\">Reset</a></p>")),
                        "<a href=\"http://localhost:8080/reset\">"),
                row(Problem.LOCALHOST_LINK, data(alternative("<p><img alt=\"\" src=\"http://127.0.0.1/logo.png\"></p>")),
                        data(alternative("<p><img alt=\"\" src=\"https://cdn.example.com/logo.png\"></p>")),
                        "<img src=\"http://127.0.0.1/logo.png\">"),
                // RFC 2392
                row(Problem.MISSING_CID_PART, data(related("cid:logo@example.com", "<other@example.com>")),
                        data(related("cid:logo@example.com", "<logo@example.com>")),
                        "<img src=\"cid:logo@example.com\"> but no part has Content-ID <logo@example.com>"),
                row(Problem.IMAGE_WITHOUT_ALT, data(alternative("<p><img src=\"https://cdn.example.com/logo.png\"></p>")),
                        data(alternative("<p><img src=\"https://cdn.example.com/logo.png\" alt=\"\"></p>")),
                        "<img src=\"https://cdn.example.com/logo.png\">"),
                // RFC 2046 section 5.1.4
                row(Problem.MISSING_TEXT_ALTERNATIVE, data(mail("Content-Type: text/html; charset=UTF-8\n\n<p>Hi</p>\n")),
                        data(alternative("<p>Hi</p>")), "the message has a text/html body and no text/plain one"),
                // RFC 2046 section 4.1.2: Latin-1 bytes declared as UTF-8
                row(Problem.UNDECODABLE_CHARSET, new Send("BODY=8BITMIME", latin1(text("Gr\u00fc\u00dfe")
                                .replace("charset=UTF-8\n", "charset=UTF-8\nContent-Transfer-Encoding: 8bit\n")), false),
                        new Send("BODY=8BITMIME", latin1(text("Gr\u00fc\u00dfe")
                                .replace("charset=UTF-8\n", "charset=ISO-8859-1\nContent-Transfer-Encoding: 8bit\n")), false),
                        "the body (text/plain) is not valid UTF-8: decoded octet 2 is 0xfc"),
                row(Problem.UNDECODABLE_CHARSET, data(text("Hi").replace("charset=UTF-8", "charset=x-no-such-charset")),
                        data(text("Hi").replace("charset=UTF-8", "charset=us-ascii")),
                        "the body (text/plain) declares charset x-no-such-charset, which is not known"));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("eachCheck")
    void eachCheckTripsOnItsProblemOnlyAndPassesTheFixedMail(Problem problem, Send tripping, Send passing,
            String detail) {
        ReceivedMessage bad = tripping.to(server);
        ReceivedMessage good = passing.to(server);

        assertThat(bad.problems()).as("the findings of the mail with the problem")
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.problem()).isEqualTo(problem);
                    assertThat(finding.detail()).isEqualTo(detail);
                    assertThat(finding.toString()).isEqualTo(problem.name() + ": " + problem.description() + ": "
                            + detail + " (" + problem.reference() + ")");
                });
        assertThat(good.problems()).as("the findings of the fixed mail").isEmpty();
    }

    @Test
    void everyProblemHasATrippingMail() {
        assertThat(eachCheck().map(arguments -> arguments.get()[0]).distinct())
                .containsExactlyInAnyOrder((Object[]) Problem.values());
    }

    @Test
    void aMailWithManyProblemsListsThemInTheOrderOfTheChecks() {
        ReceivedMessage message = data(mail("Subject: again\nContent-Type: text/html; charset=UTF-8\n\n"
                + "<a href=\"/a\">a</a><a href=\"/b\">b</a><img src=\"cid:x\">\n")
                .replace("Date: Mon, 2 Mar 2026 10:00:00 +0000\n", "")).to(server);

        assertThat(message.problems()).extracting(Finding::problem).containsExactly(Problem.MISSING_DATE,
                Problem.DUPLICATE_HEADER, Problem.RELATIVE_LINK, Problem.RELATIVE_LINK, Problem.MISSING_CID_PART,
                Problem.IMAGE_WITHOUT_ALT, Problem.MISSING_TEXT_ALTERNATIVE);
        assertThat(message.problems()).extracting(Finding::detail).contains("<a href=\"/a\">", "<a href=\"/b\">");
    }

    /** Angus Mail's multipart mail, with inline image, attachment and UTF-8 names and subject, is well formed. */
    @Test
    void angusMailsFullMailHasNoProblem() throws Exception {
        MimeMessage mail = new MimeMessage(AngusMail.to(server).session());
        mail.setFrom(new InternetAddress("noreply@example.com", "Fjällbo Accounts", "UTF-8"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress("zoe@example.com", "Zoë Ångström", "UTF-8"));
        mail.setSubject("Grüße aus Fjällbo", "UTF-8");
        mail.setSentDate(new java.util.Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Grüße, Zoë: https://app.example.com/reset?token=abc\n", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p>Grüße, Zoë</p><p><a href=\"https://app.example.com/reset?token=abc\">Reset</a></p>"
                + "<img src=\"cid:logo@example.com\" alt=\"Fjällbo\">", "UTF-8", "html");
        MimeBodyPart logo = new MimeBodyPart();
        logo.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png")));
        logo.setContentID("<logo@example.com>");
        logo.setDisposition(MimeBodyPart.INLINE);
        MimeMultipart related = new MimeMultipart("related", wrap(new MimeMultipart("alternative", text, html)), logo);
        MimeBodyPart csv = new MimeBodyPart();
        csv.setDataHandler(new DataHandler(new ByteArrayDataSource("ä;1\r\n".getBytes(StandardCharsets.UTF_8),
                "text/csv; charset=UTF-8")));
        csv.setFileName("Übersicht.csv");
        mail.setContent(new MimeMultipart("mixed", wrap(related), csv));
        Transport.send(mail);

        ReceivedMessage received = server.takeMessage(SmtpChecks.WAIT);
        assertThat(received.problems()).isEmpty();
    }

    /** Spring's MimeMessageHelper with an inline image and a text alternative is well formed too. */
    @Test
    void springsMimeMessageHelperMailHasNoProblem() throws Exception {
        MimeMessage mail = new MimeMessage(AngusMail.to(server).session());
        MimeMessageHelper helper = new MimeMessageHelper(mail, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
        helper.setFrom("noreply@example.com", "Fjällbo Accounts");
        helper.setTo("zoe@example.com");
        helper.setSubject("Willkommen, Zoë");
        helper.setSentDate(new java.util.Date());
        helper.setText("Hallo Zoë", "<p>Hallo Zoë</p><img src=\"cid:logo\" alt=\"Logo\">");
        helper.addInline("logo", new ByteArrayDataSource(new byte[] {1, 2, 3}, "image/png"));
        Transport.send(mail);

        assertThat(server.takeMessage(SmtpChecks.WAIT).problems()).isEmpty();
    }

    @Test
    void aBareMinimumMailGetsEveryMissingHeaderAndItsLongLineReported() {
        ReceivedMessage message = new Send("", crlf("Subject: x\n\n" + LONG_LINE + "\n"), true).to(server);

        assertThat(message.problems()).extracting(Finding::problem)
                .contains(Problem.MISSING_DATE, Problem.MISSING_FROM, Problem.MISSING_MESSAGE_ID, Problem.LINE_TOO_LONG);
    }

    // ---- mails and how they travel ----------------------------------------------------------------------

    /** One mail to send: MAIL FROM parameters, the exact octets, and BDAT instead of DATA. */
    record Send(String mailParameters, byte[] content, boolean bdat) {
        ReceivedMessage to(FakeSmtpServer server) {
            return bdat ? RawMail.bdat(server, mailParameters, content) : RawMail.data(server, mailParameters, content);
        }

        @Override
        public String toString() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private static Arguments row(Problem problem, Send tripping, Send passing, String detail) {
        return Arguments.of(problem, tripping, passing, detail);
    }

    /** A plain DATA transaction without MAIL parameters; {@code \n} line ends become CRLF unless already CRLF. */
    private static Send data(String mail) {
        return new Send("", mail.contains("\r\n") ? mail.getBytes(StandardCharsets.UTF_8) : crlf(mail), false);
    }

    private static byte[] latin1(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Text, HTML with an image at {@code src}, and an image part with {@code contentId}. */
    private static String related(String src, String contentId) {
        return RawMail.related("\n<p><img alt=\"Logo\" src=\"" + src + "\"></p>", contentId, "iVBORw0K");
    }

    private static MimeBodyPart wrap(MimeMultipart multipart) throws jakarta.mail.MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(multipart);
        return part;
    }
}
