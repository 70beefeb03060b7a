package io.github.fakesmtp.spring;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.TlsMode;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * An application whose own configuration is for production (a relay with STARTTLS required, login,
 * implicit-TLS leftovers, a timeout of its own): the annotation switches off whatever its server does not
 * offer, so mail still arrives, and keeps the application's timeout.
 */
class ProductionSettingsTest {

    /** The application with its production properties file. */
    @Configuration(proxyBeanMethods = false)
    @Import(MailApplication.class)
    @PropertySource("classpath:production-mail.properties")
    static class ProductionApplication {
    }

    @Nested
    @SpringJUnitConfig(ProductionApplication.class)
    @AutoConfigureFakeSmtp
    class PlainServerWithoutUsers {
        @Autowired
        FakeSmtpServer smtp;

        @Autowired
        MailApplication.Mailer mailer;

        @Autowired
        Environment environment;

        @Test
        void turnsOffTlsAndAuthAndTheProductionCredentials() {
            mailer.send("zoe@example.com", "No TLS here");

            assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1)
                    .firstMessage().hasSubject("No TLS here");
            assertThat(smtp.messages().get(0).usedTls()).isFalse();
            assertThat(smtp.messages().get(0).authenticatedUser()).isNull();
            assertThat(environment.getProperty("spring.mail.host")).isEqualTo("127.0.0.1");
            assertThat(environment.getProperty("spring.mail.username")).isEmpty();
        }

        @Test
        void keepsTheApplicationsOwnTimeoutAndFillsInTheOthers() {
            assertThat(environment.getProperty("spring.mail.properties.mail.smtp.timeout")).isEqualTo("7000");
            assertThat(environment.getProperty("spring.mail.properties.mail.smtp.connectiontimeout")).isEqualTo("10000");
            assertThat(environment.getProperty("spring.mail.properties.mail.smtp.writetimeout")).isEqualTo("10000");
        }
    }

    @Nested
    @SpringJUnitConfig(ProductionApplication.class)
    @AutoConfigureFakeSmtp(tls = TlsMode.STARTTLS, users = "app:s3cret")
    class StartTlsServer {
        @Autowired
        FakeSmtpServer smtp;

        @Autowired
        MailApplication.Mailer mailer;

        @Test
        void trustsTheBundledCertificateInsteadOfTheProductionHost() {
            mailer.send("zoe@example.com", "STARTTLS, not implicit TLS");

            assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1)
                    .firstMessage().wasSentWithTls().wasAuthenticatedAs("app");
        }
    }

    @Nested
    @SpringJUnitConfig(ProductionApplication.class)
    @AutoConfigureFakeSmtp(tls = TlsMode.SMTPS)
    class SmtpsServer {
        @Autowired
        FakeSmtpServer smtp;

        @Autowired
        MailApplication.Mailer mailer;

        @Test
        void connectsToTheServersPortNotTheProductionSocketFactoryPort() {
            mailer.send("zoe@example.com", "SMTPS");

            assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1)
                    .firstMessage().wasSentWithTls();
            assertThat(smtp.messages().get(0).authenticatedUser()).isNull();
        }
    }
}
