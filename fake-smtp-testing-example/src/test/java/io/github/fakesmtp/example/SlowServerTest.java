package io.github.fakesmtp.example;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static io.github.fakesmtp.example.Fixtures.ACCOUNT_MAILS;
import static io.github.fakesmtp.example.Fixtures.ZOE;
import static io.github.fakesmtp.example.Fixtures.settingsFor;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.Faults;
import io.github.fakesmtp.junit5.FakeSmtp;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server that answers too slowly: the application's read timeout ends the attempt with a clear error
 * instead of hanging a request thread. The server's delay is far longer than the client's timeout, so the
 * outcome does not depend on how busy the machine is.
 */
@FakeSmtp
class SlowServerTest {

    @ParameterizedTest
    @EnumSource(Client.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void clientTimeoutEndsTheAttempt(Client client, FakeSmtpServer smtp) {
        smtp.inject(Faults.slowServer(Duration.ofSeconds(20)));
        MailSender impatient = client.sender(settingsFor(smtp).withTimeout(Duration.ofMillis(500)));

        assertThatThrownBy(() -> impatient.send(ACCOUNT_MAILS.signUp(ZOE, "t0k3n")))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("did not answer in time");
        assertThat(smtp).hasReceivedNothing();
    }
}
