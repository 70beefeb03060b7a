package io.github.fakesmtp.example;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static io.github.fakesmtp.example.Fixtures.ACCOUNT_MAILS;
import static io.github.fakesmtp.example.Fixtures.ZOE;
import static io.github.fakesmtp.example.Fixtures.settingsFor;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.FakeSmtpTls;
import io.github.fakesmtp.TlsMode;
import io.github.fakesmtp.example.MailSettings.Security;
import io.github.fakesmtp.junit5.FakeSmtp;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS the way production runs it: STARTTLS (RFC 3207) on the submission port, required before AUTH and MAIL
 * (RFC 3207 section 4), and implicit TLS
 * (SMTPS, RFC 8314). The application trusts the server through its configuration, here the trust material
 * of fake-smtp's bundled certificate, with host name checks on, and refuses a server it does not trust.
 */
class TlsTest {

    /** Trusts fake-smtp's test certificate and nothing else: configuration for tests, never for production. */
    private static final SSLSocketFactory FAKE_SMTP_TRUST = FakeSmtpTls.clientSslContext().getSocketFactory();

    @Nested
    @FakeSmtp(tls = TlsMode.STARTTLS, requireTls = true, users = "app:s3cret", authRequired = true)
    class StartTls {

        @ParameterizedTest
        @EnumSource(Client.class)
        void upgradesTheConnectionThenLogsIn(Client client, FakeSmtpServer smtp) {
            MailSettings settings = settingsFor(smtp).withSecurity(Security.STARTTLS, FAKE_SMTP_TRUST)
                    .withCredentials("app", "s3cret");

            client.sender(settings).send(ACCOUNT_MAILS.signUp(ZOE, "t0k3n"));

            assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
                    .hasReceivedExactly(1)
                    .firstMessage()
                    .wasSentWithTls()
                    .wasAuthenticatedAs("app");
        }

        @ParameterizedTest
        @EnumSource(Client.class)
        void refusesAServerItDoesNotTrust(Client client, FakeSmtpServer smtp) {
            MailSettings jvmDefaultTrust = settingsFor(smtp).withSecurity(Security.STARTTLS, null)
                    .withCredentials("app", "s3cret");

            assertThatThrownBy(() -> client.sender(jvmDefaultTrust).send(ACCOUNT_MAILS.signUp(ZOE, "t0k3n")))
                    .isInstanceOf(MailDeliveryException.class)
                    .hasMessageContaining("connection to the server failed");
            assertThat(smtp).hasReceivedNothing();
        }
    }

    @Nested
    @FakeSmtp(tls = TlsMode.SMTPS)
    class ImplicitTls {

        @ParameterizedTest
        @EnumSource(Client.class)
        void speaksTlsFromTheFirstByte(Client client, FakeSmtpServer smtp) {
            client.sender(settingsFor(smtp).withSecurity(Security.SMTPS, FAKE_SMTP_TRUST))
                    .send(ACCOUNT_MAILS.passwordReset(ZOE, "r3set"));

            assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
                    .hasReceivedExactly(1)
                    .firstMessage()
                    .wasSentWithTls()
                    .hasSubject("Reset your password");
        }

        @ParameterizedTest
        @EnumSource(Client.class)
        void refusesAServerItDoesNotTrust(Client client, FakeSmtpServer smtp) {
            MailSettings jvmDefaultTrust = settingsFor(smtp).withSecurity(Security.SMTPS, null);

            assertThatThrownBy(() -> client.sender(jvmDefaultTrust).send(ACCOUNT_MAILS.passwordReset(ZOE, "r3set")))
                    .isInstanceOf(MailDeliveryException.class)
                    .hasMessageContaining("connection to the server failed");
            assertThat(smtp).hasReceivedNothing();
        }
    }
}
