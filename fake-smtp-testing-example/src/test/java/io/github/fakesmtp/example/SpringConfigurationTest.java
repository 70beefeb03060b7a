package io.github.fakesmtp.example;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static io.github.fakesmtp.example.Fixtures.ZOE;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.Faults;
import io.github.fakesmtp.spring.AutoConfigureFakeSmtp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * A plain Spring Framework application context (no Spring Boot) whose {@code spring.mail.*} properties
 * {@code @AutoConfigureFakeSmtp} points at its server. The context's server is emptied before each test; the
 * class runs its tests one after the other, since they share it.
 */
@SpringJUnitConfig(MailConfiguration.class)
@AutoConfigureFakeSmtp(users = "app:s3cret", authRequired = true)
@TestPropertySource(properties = "app.mail.retry-backoff=PT0S") // retry at once in tests
@Execution(ExecutionMode.SAME_THREAD)
class SpringConfigurationTest {

    @Autowired
    FakeSmtpServer smtp;

    @Autowired
    MailSender mailSender;

    @Autowired
    AccountMails accountMails;

    @Test
    void sendsThroughTheContextsMailSender() {
        mailSender.send(accountMails.passwordReset(ZOE, "r3set"));

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedExactly(1)
                .firstMessage()
                .wasAuthenticatedAs("app")
                .hasSubject("Reset your password")
                .hasRecipients("zoe@example.com", "audit@example.com");
    }

    @Test
    void contextsSenderRetriesGreylisting() {
        smtp.inject(Faults.greylisting());

        mailSender.send(accountMails.signUp(ZOE, "t0k3n"));

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedExactly(1)
                .firstMessage().hasSubject("Welcome to Fjällbo, Zoë Ångström!");
    }
}
