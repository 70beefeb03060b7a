package io.github.fakesmtp.spring;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.TlsMode;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * STARTTLS (RFC 3207) with TLS required, and SMTPS (RFC 8314): Spring's sender trusts the bundled certificate
 * through {@code spring.mail.properties.*} alone, with host name checks on and nothing else trusted.
 */
class TlsTest {

    @Nested
    @SpringJUnitConfig(MailApplication.class)
    @AutoConfigureFakeSmtp(tls = TlsMode.STARTTLS, requireTls = true, users = "app:s3cret", authRequired = true)
    class StartTlsRequired {
        @Autowired
        FakeSmtpServer smtp;

        @Autowired
        MailApplication.Mailer mailer;

        @Test
        void upgradesWithStartTlsThenLogsIn() {
            mailer.send("zoe@example.com", "Over STARTTLS");

            assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1)
                    .firstMessage().wasSentWithTls().wasAuthenticatedAs("app").hasSubject("Over STARTTLS");
            assertThat(smtp.transcripts().get(0).lines()).contains("C: STARTTLS");
        }
    }

    @Nested
    @SpringJUnitConfig(MailApplication.class)
    @AutoConfigureFakeSmtp(tls = TlsMode.SMTPS, users = "app:s3cret")
    class Smtps {
        @Autowired
        FakeSmtpServer smtp;

        @Autowired
        MailApplication.Mailer mailer;

        @Autowired
        Environment environment;

        @Test
        void speaksTlsFromTheFirstByte() {
            mailer.send("zoe@example.com", "Over SMTPS");

            assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1)
                    .firstMessage().wasSentWithTls().wasAuthenticatedAs("app");
            assertThat(environment.getProperty("spring.mail.protocol")).isEqualTo("smtps");
            assertThat(smtp.transcripts().get(0).lines()).doesNotContain("C: STARTTLS");
        }
    }
}
