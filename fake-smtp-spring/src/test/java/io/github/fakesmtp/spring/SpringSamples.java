package io.github.fakesmtp.spring;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;

import io.github.fakesmtp.FakeSmtpServer;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * Test classes that {@link SpringSamplesTest} runs with JUnit's EngineTestKit. They are static nested
 * classes so that Maven Surefire does not run them on their own.
 */
final class SpringSamples {

    /** What the caching samples saw: one entry per test. */
    static final Queue<Seen> SEEN = new ConcurrentLinkedQueue<>();

    private SpringSamples() {
    }

    /** A test's application context and server. */
    record Seen(Class<?> testClass, ApplicationContext context, FakeSmtpServer server) {
    }

    /** Records what it was given and sends one mail through the context's sender. */
    abstract static class Recording {
        @Autowired
        ApplicationContext context;

        @Autowired
        FakeSmtpServer smtp;

        @Autowired
        MailApplication.Mailer mailer;

        @Test
        void sendsOneMail() {
            SEEN.add(new Seen(getClass(), context, smtp));
            mailer.send("bob@example.com", getClass().getSimpleName());
            assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1);
        }

        @Test
        void seesNoMailOfOtherTests() {
            SEEN.add(new Seen(getClass(), context, smtp));
            assertThat(smtp).hasReceivedNothing();
        }
    }

    @SpringJUnitConfig(MailApplication.class)
    @AutoConfigureFakeSmtp(users = "cache:pw")
    static class SameConfigA extends Recording {
    }

    @SpringJUnitConfig(MailApplication.class)
    @AutoConfigureFakeSmtp(users = "cache:pw")
    static class SameConfigB extends Recording {
    }

    @SpringJUnitConfig(MailApplication.class)
    @AutoConfigureFakeSmtp(users = "cache:pw")
    static class SameConfigC extends Recording {
    }

    @SpringJUnitConfig(MailApplication.class)
    @AutoConfigureFakeSmtp(users = "cache:pw", maxMessageSize = 100_000)
    static class DifferentConfig extends Recording {
    }

    // ---- misuse ----------------------------------------------------------------------------------------

    @AutoConfigureFakeSmtp
    static class NotASpringTest {
        @Test
        void test() {
        }
    }

    @SpringJUnitConfig(MailApplication.class)
    @AutoConfigureFakeSmtp(authRequired = true)
    static class AuthRequiredWithoutUsers {
        @Test
        void test() {
        }
    }

    @SpringJUnitConfig(MailApplication.class)
    @AutoConfigureFakeSmtp(users = "no-colon")
    static class UserWithoutPassword {
        @Test
        void test() {
        }
    }

    @SpringJUnitConfig(MailApplication.class)
    @AutoConfigureFakeSmtp(maxRecipients = -1)
    static class NegativeMaxRecipients {
        @Test
        void test() {
        }
    }

    @SpringJUnitConfig(MailApplication.class)
    @AutoConfigureFakeSmtp
    @TestPropertySource(properties = {"spring.mail.port=2525", "spring.mail.protocol=smtp"})
    static class InlinedPortConflict {
        @Test
        void test() {
        }
    }

    @SpringJUnitConfig(MailApplication.class)
    @AutoConfigureFakeSmtp
    @TestPropertySource("classpath:conflicting-mail.properties")
    static class FileUsernameConflict {
        @Test
        void test() {
        }
    }

    @SpringJUnitConfig(MailApplication.class)
    @AutoConfigureFakeSmtp
    static class DynamicHostConflict {
        @DynamicPropertySource
        static void mail(DynamicPropertyRegistry registry) {
            registry.add("spring.mail.host", () -> "smtp.example.com");
        }

        @Test
        void test() {
        }
    }

    // ---- the failure report and concurrent use ---------------------------------------------------------

    @SpringJUnitConfig(MailApplication.class)
    @AutoConfigureFakeSmtp
    static class FailingTest {
        @Autowired
        FakeSmtpServer smtp;

        @Autowired
        MailApplication.Mailer mailer;

        @Test
        void expectsTwoMails() {
            mailer.send("bob@example.com", "Only one");
            assertThat(smtp).awaitingAtMost(Duration.ofMillis(200)).hasReceivedExactly(2);
        }

        @Test
        void assumesSomethingFalse() {
            Assumptions.assumeTrue(false, "not today");
        }
    }

    /** Two tests of one class, one context, run at the same time: the second is refused. */
    @ExtendWith(SecondWaitsForFirst.class) // before SpringExtension, which takes the server in its beforeEach
    @SpringJUnitConfig(MailApplication.class)
    @AutoConfigureFakeSmtp(maxRecipients = 3)
    @Execution(ExecutionMode.CONCURRENT)
    static class ConcurrentTests {
        static final CountDownLatch FIRST_RUNNING = new CountDownLatch(1);
        static final CountDownLatch SECOND_DONE = new CountDownLatch(1);

        @Test
        void first() throws InterruptedException {
            FIRST_RUNNING.countDown();
            if (!SECOND_DONE.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("the second test never ran");
            }
        }

        @Test
        void second() {
        }
    }

    /** Holds {@code second()} back until {@code first()} is running, and says when it is done. */
    static final class SecondWaitsForFirst implements BeforeEachCallback, AfterEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) throws InterruptedException {
            if (context.getRequiredTestMethod().getName().equals("second")
                    && !ConcurrentTests.FIRST_RUNNING.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("the first test never started");
            }
        }

        @Override
        public void afterEach(ExtensionContext context) {
            if (context.getRequiredTestMethod().getName().equals("second")) {
                ConcurrentTests.SECOND_DONE.countDown();
            }
        }
    }
}
