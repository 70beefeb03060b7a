package io.github.fakesmtp.spring;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.Faults;
import io.github.fakesmtp.SmtpPhase;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * Plain Spring Framework, no Boot: the annotation starts a server before the context refreshes, makes it a
 * bean, points {@code spring.mail.*} and {@code fake-smtp.*} at it, and empties it before each test.
 */
@SpringJUnitConfig({MailApplication.class, PlainSmtpTest.StartupCheck.class})
@AutoConfigureFakeSmtp
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlainSmtpTest {

    @Autowired
    FakeSmtpServer smtp;

    @Autowired
    MailApplication.Mailer mailer;

    @Autowired
    Environment environment;

    @Autowired
    StartupCheck startupCheck;

    @Test
    @Order(1)
    void sendsThroughSpringsJavaMailSender() {
        mailer.send("bob@example.com", "Hello");

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
                .hasReceivedExactly(1)
                .firstMessage()
                .hasSubject("Hello")
                .hasRecipients("bob@example.com");
        assertThat(smtp.messages().get(0).usedTls()).isFalse();
        assertThat(smtp.messages().get(0).authenticatedUser()).isNull();
        smtp.on(SmtpPhase.RCPT).reply(550, "5.1.1", "left over from the first test");
    }

    @Test
    @Order(2)
    void theServerIsEmptiedBeforeEachTest() {
        assertThat(smtp).hasReceivedNothing();
        assertThat(smtp.faults()).isEmpty();
        assertThat(smtp.transcripts()).isEmpty();

        mailer.send("carol@example.com", "Second");
        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1)
                .firstMessage().hasSubject("Second");
    }

    @Test
    void theEnvironmentPointsAtTheServer() {
        assertThat(environment.getProperty("spring.mail.host")).isEqualTo("127.0.0.1");
        assertThat(environment.getProperty("spring.mail.port", Integer.class)).isEqualTo(smtp.port());
        assertThat(environment.getProperty("spring.mail.protocol")).isEqualTo("smtp");
        assertThat(environment.getProperty("spring.mail.properties.mail.smtp.auth")).isEqualTo("false");
        assertThat(environment.getProperty("fake-smtp.host")).isEqualTo(smtp.host());
        assertThat(environment.getProperty("fake-smtp.port", Integer.class)).isEqualTo(smtp.port());
        assertThat(environment.getProperty("fake-smtp.username")).isEmpty();
    }

    @Test
    void beansThatConnectWhileTheContextStartsReachTheServer() {
        assertThat(startupCheck.connected).isTrue();
        assertThat(startupCheck.port).isEqualTo(smtp.port());
    }

    @Test
    void aRetryingApplicationGetsPastGreylisting() {
        smtp.inject(Faults.greylisting());

        mailer.send("dave@example.com", "Greylisted");

        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1)
                .firstMessage().hasSubject("Greylisted");
        assertThat(smtp.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.phase()).isEqualTo(SmtpPhase.RCPT);
            assertThat(rejection.code()).isEqualTo(451);
        });
    }

    /** A bean that checks its mail server while the context starts, and one configured by fake-smtp.port. */
    @Configuration(proxyBeanMethods = false)
    static class StartupCheck {
        boolean connected;
        int port;

        @Bean
        Object connectionCheck(JavaMailSenderImpl sender, @Value("${fake-smtp.port}") int port) throws Exception {
            sender.testConnection(); // throws when nothing listens
            this.connected = true;
            this.port = port;
            return "checked";
        }
    }
}
