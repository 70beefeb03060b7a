package io.github.fakesmtp.example.boot;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.junit5.FakeSmtpExtension;
import io.github.fakesmtp.spring.AutoConfigureFakeSmtp;
import io.github.fakesmtp.spring.SpringMailProperties;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same ten-class suite written twice, for {@link TenClassSuiteTest}: with {@code @AutoConfigureFakeSmtp}
 * and with what it replaces, a static {@code FakeSmtpExtension} and a {@code @DynamicPropertySource} per
 * class. Static nested classes, so that Maven Surefire does not run them on their own.
 */
final class TenClassSuite {

    /** The application context and server each test used. */
    static final Queue<ApplicationContext> CONTEXTS = new ConcurrentLinkedQueue<>();
    static final Queue<FakeSmtpServer> SERVERS = new ConcurrentLinkedQueue<>();

    private TenClassSuite() {
    }

    /** One test: request a password reset and check the mail. */
    abstract static class Sending {
        @Autowired
        ApplicationContext context;

        @Autowired
        PasswordResetService service;

        abstract FakeSmtpServer smtp();

        @Test
        void sendsTheResetMail() {
            CONTEXTS.add(context);
            SERVERS.add(smtp());
            service.requestReset("zoe@example.com");
            assertThat(smtp()).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1)
                    .firstMessage().hasSubject("Reset your password");
        }
    }

    @SpringBootTest
    @AutoConfigureFakeSmtp
    abstract static class WithAnnotation extends Sending {
        @Autowired
        FakeSmtpServer smtp;

        @Override
        FakeSmtpServer smtp() {
            return smtp;
        }
    }

    static class WithAnnotation01 extends WithAnnotation {
    }

    static class WithAnnotation02 extends WithAnnotation {
    }

    static class WithAnnotation03 extends WithAnnotation {
    }

    static class WithAnnotation04 extends WithAnnotation {
    }

    static class WithAnnotation05 extends WithAnnotation {
    }

    static class WithAnnotation06 extends WithAnnotation {
    }

    static class WithAnnotation07 extends WithAnnotation {
    }

    static class WithAnnotation08 extends WithAnnotation {
    }

    static class WithAnnotation09 extends WithAnnotation {
    }

    static class WithAnnotation10 extends WithAnnotation {
    }

    /** Loads Boot's classes and warms the JIT before anything is measured; a context of its own. */
    @SpringBootTest
    static class WarmUp extends Sending {
        @RegisterExtension
        static final FakeSmtpExtension SMTP = FakeSmtpExtension.builder().build();

        @DynamicPropertySource
        static void mail(DynamicPropertyRegistry registry) {
            SpringMailProperties.of(SMTP.server()).forEach((key, value) -> registry.add(key, () -> value));
        }

        @Override
        FakeSmtpServer smtp() {
            return SMTP.server();
        }
    }

    @SpringBootTest
    static class WithDynamicProperties01 extends Sending {
        @RegisterExtension
        static final FakeSmtpExtension SMTP = FakeSmtpExtension.builder().build();

        @DynamicPropertySource
        static void mail(DynamicPropertyRegistry registry) {
            SpringMailProperties.of(SMTP.server()).forEach((key, value) -> registry.add(key, () -> value));
        }

        @Override
        FakeSmtpServer smtp() {
            return SMTP.server();
        }
    }

    @SpringBootTest
    static class WithDynamicProperties02 extends Sending {
        @RegisterExtension
        static final FakeSmtpExtension SMTP = FakeSmtpExtension.builder().build();

        @DynamicPropertySource
        static void mail(DynamicPropertyRegistry registry) {
            SpringMailProperties.of(SMTP.server()).forEach((key, value) -> registry.add(key, () -> value));
        }

        @Override
        FakeSmtpServer smtp() {
            return SMTP.server();
        }
    }

    @SpringBootTest
    static class WithDynamicProperties03 extends Sending {
        @RegisterExtension
        static final FakeSmtpExtension SMTP = FakeSmtpExtension.builder().build();

        @DynamicPropertySource
        static void mail(DynamicPropertyRegistry registry) {
            SpringMailProperties.of(SMTP.server()).forEach((key, value) -> registry.add(key, () -> value));
        }

        @Override
        FakeSmtpServer smtp() {
            return SMTP.server();
        }
    }

    @SpringBootTest
    static class WithDynamicProperties04 extends Sending {
        @RegisterExtension
        static final FakeSmtpExtension SMTP = FakeSmtpExtension.builder().build();

        @DynamicPropertySource
        static void mail(DynamicPropertyRegistry registry) {
            SpringMailProperties.of(SMTP.server()).forEach((key, value) -> registry.add(key, () -> value));
        }

        @Override
        FakeSmtpServer smtp() {
            return SMTP.server();
        }
    }

    @SpringBootTest
    static class WithDynamicProperties05 extends Sending {
        @RegisterExtension
        static final FakeSmtpExtension SMTP = FakeSmtpExtension.builder().build();

        @DynamicPropertySource
        static void mail(DynamicPropertyRegistry registry) {
            SpringMailProperties.of(SMTP.server()).forEach((key, value) -> registry.add(key, () -> value));
        }

        @Override
        FakeSmtpServer smtp() {
            return SMTP.server();
        }
    }

    @SpringBootTest
    static class WithDynamicProperties06 extends Sending {
        @RegisterExtension
        static final FakeSmtpExtension SMTP = FakeSmtpExtension.builder().build();

        @DynamicPropertySource
        static void mail(DynamicPropertyRegistry registry) {
            SpringMailProperties.of(SMTP.server()).forEach((key, value) -> registry.add(key, () -> value));
        }

        @Override
        FakeSmtpServer smtp() {
            return SMTP.server();
        }
    }

    @SpringBootTest
    static class WithDynamicProperties07 extends Sending {
        @RegisterExtension
        static final FakeSmtpExtension SMTP = FakeSmtpExtension.builder().build();

        @DynamicPropertySource
        static void mail(DynamicPropertyRegistry registry) {
            SpringMailProperties.of(SMTP.server()).forEach((key, value) -> registry.add(key, () -> value));
        }

        @Override
        FakeSmtpServer smtp() {
            return SMTP.server();
        }
    }

    @SpringBootTest
    static class WithDynamicProperties08 extends Sending {
        @RegisterExtension
        static final FakeSmtpExtension SMTP = FakeSmtpExtension.builder().build();

        @DynamicPropertySource
        static void mail(DynamicPropertyRegistry registry) {
            SpringMailProperties.of(SMTP.server()).forEach((key, value) -> registry.add(key, () -> value));
        }

        @Override
        FakeSmtpServer smtp() {
            return SMTP.server();
        }
    }

    @SpringBootTest
    static class WithDynamicProperties09 extends Sending {
        @RegisterExtension
        static final FakeSmtpExtension SMTP = FakeSmtpExtension.builder().build();

        @DynamicPropertySource
        static void mail(DynamicPropertyRegistry registry) {
            SpringMailProperties.of(SMTP.server()).forEach((key, value) -> registry.add(key, () -> value));
        }

        @Override
        FakeSmtpServer smtp() {
            return SMTP.server();
        }
    }

    @SpringBootTest
    static class WithDynamicProperties10 extends Sending {
        @RegisterExtension
        static final FakeSmtpExtension SMTP = FakeSmtpExtension.builder().build();

        @DynamicPropertySource
        static void mail(DynamicPropertyRegistry registry) {
            SpringMailProperties.of(SMTP.server()).forEach((key, value) -> registry.add(key, () -> value));
        }

        @Override
        FakeSmtpServer smtp() {
            return SMTP.server();
        }
    }
}
