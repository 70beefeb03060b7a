package io.github.fakesmtp;

import static io.github.fakesmtp.RawMail.alternative;
import static io.github.fakesmtp.RawMail.crlf;
import static io.github.fakesmtp.RawMail.mail;
import static io.github.fakesmtp.RawMail.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ReceivedMessage#links()}, {@link ReceivedMessage#find(Pattern)} and {@link ReceivedMessage#addresses(String)}. */
class LinksFindAndAddressesTest extends ServerPerTest {

    @Test
    void linksAreTheHtmlLinksInDocumentOrderThenTheTextsOwnUrlsEachOnce() throws Exception {
        sendAlternative("Reset: https://app.example.com/reset?token=a&b=1\n"
                        + "Docs (see https://docs.example.com/guide). Or <https://app.example.com/help>.\n",
                "<p><a href=\" https://app.example.com/reset?token=a&amp;b=1 \">Choose a\n  new password</a></p>"
                        + "<map><area href=\"/map\" alt=\"Map\"></map>"
                        + "<p><a href=\"https://app.example.com/help\">Help</a>"
                        + " <a href=\"https://app.example.com/reset?token=a&b=1\">again</a> <a name=\"no-href\">x</a></p>");

        List<Link> links = server.takeMessage(SmtpChecks.WAIT).links();

        assertThat(links).containsExactly(
                new Link("https://app.example.com/reset?token=a&b=1", "Choose a new password", Link.Source.HTML),
                new Link("/map", "Map", Link.Source.HTML),
                new Link("https://app.example.com/help", "Help", Link.Source.HTML),
                new Link("https://docs.example.com/guide", "https://docs.example.com/guide", Link.Source.TEXT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Go to https://a.example/x.                        | https://a.example/x
            (https://a.example/wiki/Foo_(bar))                | https://a.example/wiki/Foo_(bar)
            <https://a.example/x?y=1&z=2>                     | https://a.example/x?y=1&z=2
            "http://a.example/q"                              | http://a.example/q
            HTTPS://A.example/Up                              | HTTPS://A.example/Up
            nothttps://a.example/ then https://b.example/ok!  | https://b.example/ok
            """)
    void urlsInTextEndWhereTheSentenceGoesOn(String text, String url) {
        assertThat(Links.inText(text)).extracting(Link::url).containsExactly(url);
    }

    @Test
    void aTextWithoutUrlsHasNoLinks() {
        assertThat(Links.inText("https:// and http://")).isEmpty();
        assertThat(RawMail.data(server, "", crlf(text("no links here"))).links()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            https://App.Example.com:8443/reset | app.example.com | true
            http://user@[::1]:25/x             | ::1             | true
            mailto:bob@example.com             |                 | true
            /reset?token=1                     |                 | false
            reset                              |                 | false
            cid:logo@example.com               |                 | true
            1http://x                          | x               | false
            """)
    void aLinkKnowsItsHostAndWhetherItIsAbsolute(String url, String host, boolean absolute) {
        Link link = new Link(url, "", Link.Source.HTML);
        assertThat(link.host()).isEqualTo(host);
        assertThat(link.isAbsolute()).isEqualTo(absolute);
    }

    @Test
    void findReturnsGroupOneOrTheWholeMatchFromTheDecodedTextBody() throws Exception {
        // base64: the client chose it, and the text is found decoded
        MimeMessage mail = new MimeMessage(AngusMail.to(server).session());
        mail.setFrom(new InternetAddress("app@example.com"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
        mail.setText("Ihr Code für die Anmeldung: 481516\n", "UTF-8");
        mail.setHeader("Content-Transfer-Encoding", "base64");
        Transport.send(mail);
        ReceivedMessage message = server.takeMessage(SmtpChecks.WAIT);

        assertThat(message.header("Content-Transfer-Encoding")).isEqualTo("base64");
        assertThat(message.find("Code für die Anmeldung: (\\d{6})")).isEqualTo("481516");
        assertThat(message.find(Pattern.compile("\\d{6}"))).isEqualTo("481516");
        assertThatThrownBy(() -> message.find("(Kod)?e? für")).as("a match whose group 1 took no part is none")
                .isInstanceOf(NoSuchElementException.class);
        assertThat(message.find("(\\d{3})?(?:für|516)")).as("a later match whose group 1 took part counts").isEqualTo("481");
    }

    @Test
    void findFallsBackToTheVisibleTextOfTheHtml() {
        ReceivedMessage message = RawMail.data(server, "", crlf(alternative(
                "<p>Your code:</p>\n<p><b>123&nbsp;456</b></p><script>var code = 999999;</script>")));

        assertThat(message.find("code: (\\d{3} \\d{3})")).as("white space collapsed, &nbsp; too").isEqualTo("123 456");
        assertThat(message.find("Hello")).as("the text body comes first").isEqualTo("Hello");
        assertThatThrownBy(() -> message.find("999999")).as("scripts are not visible text")
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void findThatMatchesNothingSaysWhatItSearched() {
        ReceivedMessage message = RawMail.data(server, "", crlf(alternative("<p>Your code:\t<b>12345</b> </p>")));

        assertThatThrownBy(() -> message.find("code: (\\d{6})"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("no match for /code: (\\d{6})/ in message #1 from=<app@example.com> to=[bob@example.com] "
                        + "subject='Hello' size=" + message.size() + "; its text body is 'Hello'; its HTML body's "
                        + "visible text is 'Your code: 12345'");

        ReceivedMessage textOnly = RawMail.data(server, "", crlf(text("Code:\t12345 ")));
        assertThatThrownBy(() -> textOnly.find("\\d{6}"))
                .hasMessageEndingWith("; its text body is 'Code:\\t12345␠\\r\\n'; it has no HTML body");
    }

    @Test
    void addressesKeepTheDecodedDisplayNames() throws Exception {
        MimeMessage mail = new MimeMessage(AngusMail.to(server).session());
        mail.setFrom(new InternetAddress("noreply@example.com", "Fjällbo Accounts", "UTF-8"));
        mail.setRecipients(Message.RecipientType.TO, new InternetAddress[] {
            new InternetAddress("zoe@example.com", "Zoë Ångström", "UTF-8"),
            new InternetAddress("bob@example.com"),
            new InternetAddress("doe@example.com", "Doe, John", "UTF-8")});
        mail.setText("x");
        Transport.send(mail);
        ReceivedMessage message = server.takeMessage(SmtpChecks.WAIT);

        assertThat(message.header("From")).startsWith("=?UTF-8?");
        assertThat(message.addresses("From")).containsExactly(new MailAddress("noreply@example.com", "Fjällbo Accounts"));
        assertThat(message.addresses("to")).containsExactly(new MailAddress("zoe@example.com", "Zoë Ångström"),
                new MailAddress("bob@example.com", null), new MailAddress("doe@example.com", "Doe, John"));
        assertThat(message.addresses("To")).extracting(MailAddress::toString)
                .containsExactly("Zoë Ångström <zoe@example.com>", "bob@example.com", "\"Doe, John\" <doe@example.com>");
        assertThat(message.to()).containsExactly("zoe@example.com", "bob@example.com", "doe@example.com");
        assertThat(message.addresses("Cc")).isEmpty();
    }

    @Test
    void groupsGiveTheirMembers() {
        ReceivedMessage message = RawMail.data(server, "", crlf(text("x").replace("To: bob@example.com",
                "To: team: a@example.com, B <b@example.com>;, undisclosed-recipients:;")));

        assertThat(message.addresses("To")).extracting(MailAddress::address).containsExactly("a@example.com", "b@example.com");
    }

    @Test
    void aMailboxParsesAsAPersonWritesIt() {
        assertThat(MailAddress.parse("Fjällbo <noreply@example.com>")).isEqualTo(new MailAddress("noreply@example.com", "Fjällbo"));
        assertThat(MailAddress.parse("=?UTF-8?Q?Fj=C3=A4llbo?= <noreply@example.com>").name()).isEqualTo("Fjällbo");
        assertThat(MailAddress.parse("\"Doe, John\" <doe@example.com>").name()).isEqualTo("Doe, John");
        assertThat(MailAddress.parse("bob@example.com")).isEqualTo(new MailAddress("bob@example.com", null));
        assertThatThrownBy(() -> MailAddress.parse("a@example.com, b@example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one mailbox");
    }

    private void sendAlternative(String text, String html) throws Exception {
        MimeMessage mail = new MimeMessage(AngusMail.to(server).session());
        mail.setFrom(new InternetAddress("app@example.com"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        mail.setContent(new MimeMultipart("alternative", plain, rich));
        Transport.send(mail);
    }

    /** The well-formed raw mail helpers are what the lint tests rely on: they pass every check. */
    @Test
    void theRawMailTemplatesAreWellFormed() {
        assertThat(RawMail.data(server, "", crlf(text("Hi"))).problems()).isEmpty();
        assertThat(RawMail.data(server, "", crlf(alternative("<p>Hi</p>"))).problems()).isEmpty();
        assertThat(RawMail.data(server, "", crlf(mail("Content-Type: text/plain\n\nHi\n"))).problems()).isEmpty();
    }
}
