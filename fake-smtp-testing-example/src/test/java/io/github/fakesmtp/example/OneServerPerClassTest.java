package io.github.fakesmtp.example;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static io.github.fakesmtp.example.Fixtures.ACCOUNT_MAILS;
import static io.github.fakesmtp.example.Fixtures.ZOE;
import static io.github.fakesmtp.example.Fixtures.settingsFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.junit5.FakeSmtp;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * One server for the whole class instead of one per test (the default): it starts once and is emptied
 * before each test, so every test still sees only its own mail. Its tests must not run concurrently, so the
 * class runs them one after the other although parallel execution is on for this module.
 */
@FakeSmtp(lifecycle = FakeSmtp.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.SAME_THREAD)
class OneServerPerClassTest {

    private static int port;
    private static MailSender sender;

    @BeforeAll
    static void configureTheApplicationOnce(FakeSmtpServer smtp) {
        port = smtp.port();
        sender = Client.ANGUS_MAIL.sender(settingsFor(smtp));
    }

    @Test
    void sendsTheSignUpMail(FakeSmtpServer smtp) {
        sender.send(ACCOUNT_MAILS.signUp(ZOE, "t0k3n"));

        assertThat(smtp.port()).isEqualTo(port);
        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedExactly(1) // the other test's mail is gone
                .firstMessage().hasSubject("Welcome to Fjällbo, Zoë Ångström!");
    }

    @Test
    void sendsThePasswordReset(FakeSmtpServer smtp) {
        sender.send(ACCOUNT_MAILS.passwordReset(ZOE, "r3set"));

        assertThat(smtp.port()).isEqualTo(port);
        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedExactly(1)
                .firstMessage().hasSubject("Reset your password");
    }
}
