package io.github.fakesmtp.example;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.example.OutgoingMail.Address;
import java.time.Duration;

/** What the tests share: the application's mail templates and settings that point at a test's server. */
final class Fixtures {

    /** Where the service's links point. */
    static final String BASE_URL = "https://app.example.com";

    /** The account service's mails, as configured in production. */
    static final AccountMails ACCOUNT_MAILS = new AccountMails(
            new Address("noreply@example.com", "Fjällbo Accounts"), Address.of("audit@example.com"), BASE_URL);

    /** A user whose name needs UTF-8. */
    static final Address ZOE = new Address("zoe@example.com", "Zoë Ångström");

    private Fixtures() {
    }

    /**
     * The application's settings for a plain-SMTP fake-smtp server, as a test configuration would set them.
     *
     * @param smtp the server
     * @return host, port and a timeout that keeps a broken test from hanging
     */
    static MailSettings settingsFor(FakeSmtpServer smtp) {
        return MailSettings.of(smtp.host(), smtp.port()).withTimeout(Duration.ofSeconds(10));
    }
}
