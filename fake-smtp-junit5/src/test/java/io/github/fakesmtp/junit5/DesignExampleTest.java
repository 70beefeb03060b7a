package io.github.fakesmtp.junit5;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.SmtpPhase;
import jakarta.mail.AuthenticationFailedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test a user writes, as the README's quick start shows it: one annotation, no plumbing. */
@FakeSmtp(users = "app:s3cret", authRequired = true)
@Timeout(30)
class DesignExampleTest {

    @Test
    void sendsResetLink(FakeSmtpServer smtp) {
        TestMail.send(smtp, "app", "s3cret", "bob@example.com", "Reset your password",
                "Open https://example.com/reset?token=abc123");

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedExactly(1)
                .firstMessage()
                    .hasSubject("Reset your password")
                    .hasRecipient("bob@example.com")
                    .wasAuthenticatedAs("app")
                    .hasTextBodyContaining("https://example.com/reset?token=");
    }

    @Test
    void reportsBadCredentials(FakeSmtpServer smtp) {
        smtp.on(SmtpPhase.AUTH).reply(535, "5.7.8 Authentication credentials invalid");

        assertThatThrownBy(() -> TestMail.send(smtp, "app", "s3cret", "bob@example.com", "Reset", "x"))
                .hasRootCauseInstanceOf(AuthenticationFailedException.class);
        assertThat(smtp).hasReceivedNothing();
        org.assertj.core.api.Assertions.assertThat(smtp.unfiredFaults()).isEmpty();
    }

    @Test
    void refusesMailWithoutLogin(FakeSmtpServer smtp) {
        assertThatThrownBy(() -> TestMail.send(smtp, "bob@example.com", "No login", "x"))
                .hasMessageContaining("530");
        assertThat(smtp).hasReceivedNothing();
        org.assertj.core.api.Assertions.assertThat(smtp.rejections())
                .singleElement().satisfies(rejection -> {
                    org.assertj.core.api.Assertions.assertThat(rejection.phase()).isEqualTo(SmtpPhase.MAIL);
                    org.assertj.core.api.Assertions.assertThat(rejection.code()).isEqualTo(530);
                });
    }
}
