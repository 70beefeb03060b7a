package io.github.fakesmtp.example.boot;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.spring.AutoConfigureFakeSmtp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code spring.mail.test-connection=true} makes Spring Boot connect to the mail server while the context
 * starts, and fail the start-up if nothing answers: the server is up before the context refreshes.
 */
@SpringBootTest(properties = "spring.mail.test-connection=true")
@AutoConfigureFakeSmtp
@ResourceLock("fake-smtp")
class TestConnectionTest {

    @Autowired
    PasswordResetService service;

    @Autowired
    FakeSmtpServer smtp;

    @Test
    void theStartUpCheckConnectedBeforeTheTestRan() {
        service.requestReset("zoe@example.com");

        ReceivedMessage message = smtp.takeMessage(Duration.ofSeconds(5));
        assertThat(message.connectionIndex()).isEqualTo(2); // connection 1 was Boot's check at start-up
        assertThat(smtp).hasReceivedExactly(1);
    }
}
