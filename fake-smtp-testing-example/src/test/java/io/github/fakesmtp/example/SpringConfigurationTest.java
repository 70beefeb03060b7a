package io.github.fakesmtp.example;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static io.github.fakesmtp.example.Fixtures.ZOE;

import io.github.fakesmtp.Faults;
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
 * A Spring application context whose {@code spring.mail.*} properties point at the fake server, with plain
 * Spring Framework (no Spring Boot): the server lives in a static {@link FakeSmtpExtension} so it runs before
 * the context starts, and {@code @DynamicPropertySource} hands its port to the context. One server serves
 * the class, emptied before each test, so the class runs its tests one after the other.
 */
@SpringJUnitConfig(MailConfiguration.class)
@Execution(ExecutionMode.SAME_THREAD)
class SpringConfigurationTest {

    @RegisterExtension
    static final FakeSmtpExtension smtp = FakeSmtpExtension.builder()
            .server(server -> server.user("app", "s3cret").authRequired(true))
            .build();

    @DynamicPropertySource
    static void mailProperties(DynamicPropertyRegistry registry) {
        MailClientProperties.springMail(smtp.server(), "app", "s3cret")
                .forEach((key, value) -> registry.add(key, () -> value));
        registry.add("app.mail.retry-backoff", () -> "PT0S"); // retry at once in tests
    }

    @Autowired
    MailSender mailSender;

    @Autowired
    AccountMails accountMails;

    @Test
    void sendsThroughTheContextsMailSender() {
        mailSender.send(accountMails.passwordReset(ZOE, "r3set"));

        assertThat(smtp.server()).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedExactly(1)
                .firstMessage()
                .wasAuthenticatedAs("app")
                .hasSubject("Reset your password")
                .hasRecipients("zoe@example.com", "audit@example.com");
    }

    @Test
    void contextsSenderRetriesGreylisting() {
        smtp.server().inject(Faults.greylisting());

        mailSender.send(accountMails.signUp(ZOE, "t0k3n"));

        assertThat(smtp.server()).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedExactly(1)
                .firstMessage().hasSubject("Welcome to Fjällbo, Zoë Ångström!");
    }
}
