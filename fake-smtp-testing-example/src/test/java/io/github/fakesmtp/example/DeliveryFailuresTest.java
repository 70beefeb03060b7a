package io.github.fakesmtp.example;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static io.github.fakesmtp.example.Fixtures.ACCOUNT_MAILS;
import static io.github.fakesmtp.example.Fixtures.ZOE;
import static io.github.fakesmtp.example.Fixtures.settingsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.Faults;
import io.github.fakesmtp.Rejection;
import io.github.fakesmtp.example.OutgoingMail.Address;
import io.github.fakesmtp.junit5.FakeSmtp;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How the application copes when the server says no: it retries temporary refusals (4xx, RFC 5321 section
 * 4.2.1) such as greylisting, gives up after a bounded number of attempts, and reports permanent refusals
 * (5xx) and a connection dropped in the middle of DATA at once, with the reply code. The faults are injected
 * into the server; {@code failOnUnexpectedMail} also fails a test whose fault never fired.
 */
@FakeSmtp(failOnUnexpectedMail = true)
class DeliveryFailuresTest {

    private static final int ATTEMPTS = 3;

    /** The application's retry policy, without the waits between attempts. */
    private static MailSender retrying(Client client, FakeSmtpServer smtp) {
        return new RetryingMailSender(client.sender(settingsFor(smtp)), ATTEMPTS, Duration.ZERO);
    }

    /** RFC 5321 section 4.2.2: 550 mailbox unavailable is permanent, so the application does not retry. */
    @ParameterizedTest
    @EnumSource(Client.class)
    void reportsARejectedRecipientWithoutRetrying(Client client, FakeSmtpServer smtp) {
        smtp.inject(Faults.rejectRecipient("ghost@example.com"));

        MailDeliveryException failure = catchThrowableOfType(MailDeliveryException.class,
                () -> retrying(client, smtp).send(ACCOUNT_MAILS.signUp(Address.of("ghost@example.com"), "t0k3n")));

        assertThat(failure.replyCode()).isEqualTo(550);
        assertThat(failure.isTransient()).isFalse();
        assertThat(failure).hasMessageContaining("refused with 550").hasMessageContaining("User unknown");
        assertThat(smtp.rejections()).extracting(Rejection::code).containsExactly(550); // one attempt only
        assertThat(smtp).hasReceivedNothing();
    }

    /** Greylisting: 451 4.7.1 on the first RCPT, accepted when the sender comes back. */
    @ParameterizedTest
    @EnumSource(Client.class)
    void retrySurvivesGreylisting(Client client, FakeSmtpServer smtp) {
        smtp.inject(Faults.greylisting());

        retrying(client, smtp).send(ACCOUNT_MAILS.signUp(ZOE, "t0k3n"));

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedExactly(1)
                .firstMessage().hasRecipients("zoe@example.com", "audit@example.com");
        assertThat(smtp.rejections()).isNotEmpty().extracting(Rejection::code).containsOnly(451);
    }

    /** RFC 5321 section 4.2.1: a 4xx that persists ends the retries after the configured attempts. */
    @ParameterizedTest
    @EnumSource(Client.class)
    void givesUpAfterTheLastAttempt(Client client, FakeSmtpServer smtp) {
        smtp.inject(Faults.mailboxFull("zoe@example.com"));

        MailDeliveryException failure = catchThrowableOfType(MailDeliveryException.class,
                () -> retrying(client, smtp).send(ACCOUNT_MAILS.signUp(ZOE, "t0k3n")));

        assertThat(failure.replyCode()).isEqualTo(452);
        assertThat(failure).hasMessageContaining("gave up after " + ATTEMPTS + " attempts");
        assertThat(smtp.rejections()).extracting(Rejection::code).containsExactly(452, 452, 452);
        assertThat(smtp).hasReceivedNothing();
    }

    /** RFC 3463: 552 5.3.4 after the final dot refuses the whole message, permanently. */
    @ParameterizedTest
    @EnumSource(Client.class)
    void reportsAMessageRefusedAfterData(Client client, FakeSmtpServer smtp) {
        smtp.inject(Faults.messageTooBig());

        MailDeliveryException failure = catchThrowableOfType(MailDeliveryException.class,
                () -> retrying(client, smtp).send(ACCOUNT_MAILS.signUp(ZOE, "t0k3n")));

        assertThat(failure.replyCode()).isEqualTo(552);
        assertThat(failure).hasMessageContaining("Message size exceeds fixed limit");
        assertThat(smtp).hasReceivedNothing();
    }

    /** A network failure in the middle of the message: no reply code, nothing delivered, reported clearly. */
    @ParameterizedTest
    @EnumSource(Client.class)
    void reportsAConnectionDroppedMidData(Client client, FakeSmtpServer smtp) {
        smtp.inject(Faults.disconnectDuringData(100));

        MailDeliveryException failure = catchThrowableOfType(MailDeliveryException.class,
                () -> retrying(client, smtp).send(ACCOUNT_MAILS.signUp(ZOE, "t0k3n")));

        assertThat(failure.replyCode()).isZero();
        assertThat(failure).hasMessageContaining("connection to the server failed");
        assertThat(smtp).hasReceivedNothing();
    }
}
