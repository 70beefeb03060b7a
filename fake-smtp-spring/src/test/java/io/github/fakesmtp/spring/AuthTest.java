package io.github.fakesmtp.spring;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.SmtpPhase;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * AUTH (RFC 4954) through Spring's {@code JavaMailSenderImpl}: the first user's credentials become
 * {@code spring.mail.username}/{@code password}, and AUTH PLAIN and LOGIN both log in.
 */
@SpringJUnitConfig(MailApplication.class)
@AutoConfigureFakeSmtp(users = {"app:s3:cret", "bob:other"}, authRequired = true)
class AuthTest {

    @Autowired
    FakeSmtpServer smtp;

    @Autowired
    MailApplication.Mailer mailer;

    @Autowired
    Environment environment;

    @Test
    void logsInAsTheFirstUser() {
        mailer.send("zoe@example.com", "Authenticated");

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1)
                .firstMessage().wasAuthenticatedAs("app");
        assertThat(environment.getProperty("spring.mail.username")).isEqualTo("app");
        assertThat(environment.getProperty("spring.mail.password")).isEqualTo("s3:cret"); // split at the first colon
        assertThat(environment.getProperty("fake-smtp.password")).isEqualTo("s3:cret");
        assertThat(environment.getProperty("spring.mail.properties.mail.smtp.auth")).isEqualTo("true");
    }

    @Test
    void aRefusedLoginSurfacesAsSpringsMailAuthenticationException() {
        smtp.on(SmtpPhase.AUTH).reply(535, "5.7.8 Authentication credentials invalid");

        assertThatThrownBy(() -> mailer.send("zoe@example.com", "Refused"))
                .isInstanceOf(MailAuthenticationException.class);
        assertThat(smtp).hasReceivedNothing();
    }

    /** The application picks AUTH PLAIN: a property the annotation leaves alone. */
    @Nested
    @TestPropertySource(properties = "spring.mail.properties.mail.smtp.auth.mechanisms=PLAIN")
    class Plain {
        @Autowired
        FakeSmtpServer smtp; // a context of its own (another property), so its own server: not the enclosing one

        @Autowired
        MailApplication.Mailer mailer;

        @Test
        void logsInWithAuthPlain() {
            mailer.send("zoe@example.com", "Plain");

            assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1)
                    .firstMessage().wasAuthenticatedAs("app");
            assertThat(smtp.transcripts().get(0).lines()).anyMatch(line -> line.startsWith("C: AUTH PLAIN"));
        }
    }

    /** And AUTH LOGIN. */
    @Nested
    @TestPropertySource(properties = "spring.mail.properties.mail.smtp.auth.mechanisms=LOGIN")
    class Login {
        @Autowired
        FakeSmtpServer smtp; // a context of its own (another property), so its own server: not the enclosing one

        @Autowired
        MailApplication.Mailer mailer;

        @Test
        void logsInWithAuthLogin() {
            mailer.send("zoe@example.com", "Login");

            assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1)
                    .firstMessage().wasAuthenticatedAs("app");
            assertThat(smtp.transcripts().get(0).lines()).anyMatch(line -> line.startsWith("C: AUTH LOGIN"));
        }
    }
}
