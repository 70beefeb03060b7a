package io.github.fakesmtp.example;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static io.github.fakesmtp.example.Fixtures.ZOE;

import io.github.fakesmtp.TlsMode;
import io.github.fakesmtp.junit5.FakeSmtpExtension;
import io.github.fakesmtp.junit5.MailClientProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The same Spring wiring over STARTTLS with TLS required: {@code MailClientProperties.springMail(..)} makes
 * Spring's {@code JavaMailSender} trust the server's certificate through {@code spring.mail.properties.*},
 * with host name checks on and without trusting anything else.
 */
@SpringJUnitConfig(MailConfiguration.class)
@Execution(ExecutionMode.SAME_THREAD)
class SpringStartTlsConfigurationTest {

    @RegisterExtension
    static final FakeSmtpExtension smtp = FakeSmtpExtension.builder()
            .server(server -> server.tls(TlsMode.STARTTLS).requireTls(true).user("app", "s3cret").authRequired(true))
            .build();

    @DynamicPropertySource
    static void mailProperties(DynamicPropertyRegistry registry) {
        MailClientProperties.springMail(smtp.server(), "app", "s3cret")
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    MailSender mailSender;

    @Autowired
    AccountMails accountMails;

    @Test
    void sendsOverStartTlsWithTheServersTrustMaterial() {
        mailSender.send(accountMails.passwordReset(ZOE, "r3set"));

        assertThat(smtp.server()).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedExactly(1)
                .firstMessage()
                .wasSentWithTls()
                .wasAuthenticatedAs("app")
                .hasSubject("Reset your password");
    }
}
