package io.github.fakesmtp.example.boot;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.SmtpPhase;
import io.github.fakesmtp.spring.AutoConfigureFakeSmtp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.MailAuthenticationException;

/**
 * A {@code @SpringBootTest} (mock web environment) of the password-reset service: no
 * {@code @DynamicPropertySource}, no extension field, no port in a properties file. The application's
 * production {@code application.properties} (a relay with STARTTLS required) stays as it is.
 */
@SpringBootTest
@AutoConfigureFakeSmtp(users = "app:s3cret", authRequired = true)
@ResourceLock("fake-smtp") // the classes that share this context and its server run one after the other
class PasswordResetTest {

    @Autowired
    PasswordResetService service;

    @Autowired
    FakeSmtpServer smtp; // the context's server, emptied before each test

    @Test
    void sendsTheResetLink() {
        String token = service.requestReset("zoe@example.com");

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1)
                .firstMessage()
                .hasSubject("Reset your password")
                .hasRecipients("zoe@example.com")
                .wasAuthenticatedAs("app")
                .isWellFormed()
                .extractingLink("/reset\\?token=").isEqualTo("https://app.example.com/reset?token=" + token);
    }

    @Test
    void aRefusedLoginReachesTheCallerAsMailAuthenticationException() {
        smtp.on(SmtpPhase.AUTH).reply(535, "5.7.8 Authentication credentials invalid");

        assertThatThrownBy(() -> service.requestReset("zoe@example.com"))
                .isInstanceOf(MailAuthenticationException.class);
        assertThat(smtp).hasReceivedNothing();
    }
}
