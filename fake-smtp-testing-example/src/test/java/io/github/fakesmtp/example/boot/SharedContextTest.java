package io.github.fakesmtp.example.boot;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.spring.AutoConfigureFakeSmtp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Configured like {@link PasswordResetTest}, so it gets the same cached context and server without starting
 * either again; the server is emptied before each test, so the other class's mail is gone.
 */
@SpringBootTest
@AutoConfigureFakeSmtp(users = "app:s3cret", authRequired = true)
@ResourceLock("fake-smtp")
class SharedContextTest {

    @Autowired
    PasswordResetService service;

    @Autowired
    FakeSmtpServer smtp;

    @Test
    void seesOnlyItsOwnMail() {
        service.requestReset("bob@example.com");

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1)
                .firstMessage().hasRecipients("bob@example.com");
    }
}
