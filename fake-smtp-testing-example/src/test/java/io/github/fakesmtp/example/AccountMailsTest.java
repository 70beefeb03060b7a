package io.github.fakesmtp.example;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static io.github.fakesmtp.example.Fixtures.ACCOUNT_MAILS;
import static io.github.fakesmtp.example.Fixtures.ZOE;
import static io.github.fakesmtp.example.Fixtures.settingsFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.MailAddress;
import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.example.AccountMails.InvoiceLine;
import io.github.fakesmtp.junit5.FakeSmtp;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the account service sends, checked on the wire with each mail client: subject, sender and recipients,
 * the hidden audit copy (Bcc is in the SMTP envelope only), the text and HTML alternatives, the invoice
 * attachment byte for byte, and non-ASCII names encoded in the headers. Every test gets a fresh server.
 */
@FakeSmtp(failOnUnexpectedMail = true)
class AccountMailsTest {

    @ParameterizedTest
    @EnumSource(Client.class)
    void signUpMailHasTextAndHtmlAlternatives(Client client, FakeSmtpServer smtp) {
        client.sender(settingsFor(smtp)).send(ACCOUNT_MAILS.signUp(ZOE, "t0k3n"));

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedExactly(1)
                .firstMessage()
                .hasSubject("Welcome to Fjällbo, Zoë Ångström!")
                .hasFrom("Fjällbo Accounts <noreply@example.com>")
                .hasTo("Zoë Ångström <zoe@example.com>")
                .hasTextBodyContaining("Hello Zoë Ångström,", "https://app.example.com/confirm?token=t0k3n")
                .hasHtmlBodyContaining("<a href=\"https://app.example.com/confirm?token=t0k3n\">")
                .hasLinkContaining("/confirm?token=t0k3n")
                .hasNoAttachments()
                .isWellFormed();
    }

    /** Every mail the service sends, with every client, is one that mail clients show as meant. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyMailWithEveryClient")
    void everyMailTheServiceSendsIsWellFormed(Client client, String kind, OutgoingMail mail, FakeSmtpServer smtp) {
        client.sender(settingsFor(smtp)).send(mail);

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1).firstMessage().isWellFormed();
    }

    static Stream<Arguments> everyMailWithEveryClient() {
        Map<String, OutgoingMail> mails = Map.of(
                "sign-up", ACCOUNT_MAILS.signUp(ZOE, "t0k3n"),
                "password reset", ACCOUNT_MAILS.passwordReset(ZOE, "r3set"),
                "sign-in code", ACCOUNT_MAILS.signInCode(ZOE, "481516"),
                "invoice", ACCOUNT_MAILS.invoice(ZOE, "2026-0042",
                        List.of(new InvoiceLine("Pro plan, März", new BigDecimal("19.00")))));
        return Arrays.stream(Client.values()).flatMap(client -> mails.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(mail -> Arguments.of(client, mail.getKey(), mail.getValue())));
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void auditCopyTravelsInTheEnvelopeNotInTheHeaders(Client client, FakeSmtpServer smtp) {
        client.sender(settingsFor(smtp)).send(ACCOUNT_MAILS.passwordReset(ZOE, "r3set"));

        ReceivedMessage reset = smtp.takeMessage(Duration.ofSeconds(5));
        assertThat(reset)
                .hasSubject("Reset your password")
                .hasEnvelopeSender("noreply@example.com")
                .hasRecipients("zoe@example.com", "audit@example.com") // RCPT TO: the Bcc is there...
                .hasTo("zoe@example.com")
                .hasTextBodyContaining("https://app.example.com/reset?token=r3set");
        assertThat(reset).as("...but no header shows it").hasNoHeader("Bcc");
        assertThat(reset.cc()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void invoiceCarriesTheCsvByteForByte(Client client, FakeSmtpServer smtp) {
        List<InvoiceLine> lines = List.of(new InvoiceLine("Pro plan, März", new BigDecimal("19.00")),
                new InvoiceLine("Extra storage", new BigDecimal("4.50")));

        client.sender(settingsFor(smtp)).send(ACCOUNT_MAILS.invoice(ZOE, "2026-0042", lines));

        byte[] expectedCsv = "item;amount\r\nPro plan, März;19.00\r\nExtra storage;4.50\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedExactly(1)
                .firstMessage()
                .hasSubject("Your invoice 2026-0042")
                .hasTextBodyContaining("totals EUR 23.50")
                .hasHtmlBodyContaining("<b>EUR 23.50</b>")
                .hasAttachment("invoice-2026-0042.csv", "text/csv")
                .hasAttachmentWithContent("invoice-2026-0042.csv", expectedCsv);
    }

    /** RFC 2047: non-ASCII text in headers travels as encoded words and decodes back unchanged. */
    @ParameterizedTest
    @EnumSource(Client.class)
    void nonAsciiSubjectAndNameAreEncodedWordsInTheHeaders(Client client, FakeSmtpServer smtp) {
        client.sender(settingsFor(smtp)).send(ACCOUNT_MAILS.signUp(ZOE, "t0k3n"));

        ReceivedMessage welcome = smtp.takeMessage(Duration.ofSeconds(5));
        assertThat(welcome).hasSubject("Welcome to Fjällbo, Zoë Ångström!");
        assertThat(welcome.header("Subject")).matches("(?i)=\\?utf-8\\?[bq]\\?.*").matches("\\p{ASCII}*");
        assertThat(welcome.header("To")).contains("=?").matches("\\p{ASCII}*");
        assertThat(welcome).hasFromName("Fjällbo Accounts");
        assertThat(welcome.addresses("To")).containsExactly(new MailAddress("zoe@example.com", "Zoë Ångström"));
    }
}
