package io.github.fakesmtp.example;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static io.github.fakesmtp.example.Fixtures.ACCOUNT_MAILS;
import static io.github.fakesmtp.example.Fixtures.ZOE;
import static io.github.fakesmtp.example.Fixtures.settingsFor;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.junit5.FakeSmtp;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SMTP AUTH (RFC 4954) with a server that requires it: the right credentials log in, wrong ones and missing
 * ones end in the application's {@link MailAuthenticationFailed}, and nothing is delivered.
 */
@FakeSmtp(users = "app:s3cret", authRequired = true)
class AuthenticationTest {

    @ParameterizedTest
    @EnumSource(Client.class)
    void logsInWithTheConfiguredCredentials(Client client, FakeSmtpServer smtp) {
        client.sender(settingsFor(smtp).withCredentials("app", "s3cret")).send(ACCOUNT_MAILS.signUp(ZOE, "t0k3n"));

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedExactly(1)
                .firstMessage().wasAuthenticatedAs("app");
    }

    /** RFC 4954 section 6: 535 5.7.8 for invalid credentials. */
    @ParameterizedTest
    @EnumSource(Client.class)
    void reportsWrongCredentials(Client client, FakeSmtpServer smtp) {
        MailSender sender = client.sender(settingsFor(smtp).withCredentials("app", "wrong"));

        assertThatThrownBy(() -> sender.send(ACCOUNT_MAILS.signUp(ZOE, "t0k3n")))
                .isInstanceOf(MailAuthenticationFailed.class)
                .hasMessageContaining("refused the credentials")
                .hasMessageContaining("535");
        assertThat(smtp).hasReceivedNothing();
    }

    /** RFC 4954 section 6: 530 5.7.0 for MAIL without AUTH where AUTH is required. */
    @ParameterizedTest
    @EnumSource(Client.class)
    void reportsThatTheServerRequiresALogin(Client client, FakeSmtpServer smtp) {
        MailSender sender = client.sender(settingsFor(smtp)); // no credentials configured

        assertThatThrownBy(() -> sender.send(ACCOUNT_MAILS.signUp(ZOE, "t0k3n")))
                .isInstanceOf(MailAuthenticationFailed.class)
                .hasMessageContaining("requires a login")
                .extracting(e -> ((MailDeliveryException) e).replyCode()).isEqualTo(530);
        assertThat(smtp).hasReceivedNothing();
    }
}
