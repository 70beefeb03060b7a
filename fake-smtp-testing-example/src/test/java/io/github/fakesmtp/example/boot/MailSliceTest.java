package io.github.fakesmtp.example.boot;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.spring.AutoConfigureFakeSmtp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A Spring Boot test slice: only the web layer and, through {@link PasswordResetSlice}'s
 * {@code @ImportAutoConfiguration(MailSenderAutoConfiguration.class)}, the mail sender.
 */
@PasswordResetSlice
@AutoConfigureFakeSmtp
@ResourceLock("fake-smtp")
class MailSliceTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    FakeSmtpServer smtp;

    @Test
    void theControllerSendsTheMailThroughTheAutoConfiguredSender() throws Exception {
        mvc.perform(post("/password-resets").param("email", "zoe@example.com")).andExpect(status().isAccepted());

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1)
                .firstMessage().hasSubject("Reset your password");
    }
}
