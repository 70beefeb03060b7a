package io.github.fakesmtp.example;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static io.github.fakesmtp.example.Fixtures.ZOE;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.TlsMode;
import io.github.fakesmtp.spring.AutoConfigureFakeSmtp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The same Spring wiring over STARTTLS with TLS required: the properties {@code @AutoConfigureFakeSmtp} sets
 * make Spring's {@code JavaMailSender} trust the server's certificate through {@code spring.mail.properties.*},
 * with host name checks on and without trusting anything else.
 */
@SpringJUnitConfig(MailConfiguration.class)
@AutoConfigureFakeSmtp(tls = TlsMode.STARTTLS, requireTls = true, users = "app:s3cret", authRequired = true)
@Execution(ExecutionMode.SAME_THREAD)
class SpringStartTlsConfigurationTest {

    @Autowired
    FakeSmtpServer smtp;

    @Autowired
    MailSender mailSender;

    @Autowired
    AccountMails accountMails;

    @Test
    void sendsOverStartTlsWithTheServersTrustMaterial() {
        mailSender.send(accountMails.passwordReset(ZOE, "r3set"));

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedExactly(1)
                .firstMessage()
                .wasSentWithTls()
                .wasAuthenticatedAs("app")
                .hasSubject("Reset your password");
    }
}
