package io.github.fakesmtp.junit5;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fakesmtp.FakeSmtpServer;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Test classes that {@link FakeSmtpExtensionTest} runs with the EngineTestKit. They are static nested
 * classes so that Maven Surefire does not run them on their own. Each records the servers it was given.
 */
final class ExtensionSamples {

    /** Servers the samples saw, in order; read by the test that ran them. One queue per sample. */
    static final Queue<FakeSmtpServer> PER_TEST_SEEN = new ConcurrentLinkedQueue<>();
    static final Queue<FakeSmtpServer> PER_CLASS_SEEN = new ConcurrentLinkedQueue<>();
    static final Queue<FakeSmtpServer> NESTED_SEEN = new ConcurrentLinkedQueue<>();
    static final Queue<FakeSmtpServer> BEFORE_ALL_SEEN = new ConcurrentLinkedQueue<>();
    static final Queue<FakeSmtpServer> STATIC_FIELD_SEEN = new ConcurrentLinkedQueue<>();
    static final Queue<FakeSmtpServer> INSTANCE_FIELD_SEEN = new ConcurrentLinkedQueue<>();

    private ExtensionSamples() {
    }

    @FakeSmtp
    static class PerTest {
        @Test
        void first(FakeSmtpServer smtp) {
            PER_TEST_SEEN.add(smtp);
            TestMail.send(smtp, "bob@example.com", "first", "one");
            assertThat(smtp).hasReceivedExactly(1);
        }

        @Test
        void second(FakeSmtpServer smtp) {
            PER_TEST_SEEN.add(smtp);
            assertThat(smtp).hasReceivedNothing();
        }
    }

    @FakeSmtp(lifecycle = FakeSmtp.Lifecycle.PER_CLASS)
    static class PerClass {
        @Test
        void first(FakeSmtpServer smtp) {
            PER_CLASS_SEEN.add(smtp);
            TestMail.send(smtp, "bob@example.com", "first", "one");
            assertThat(smtp).hasReceivedExactly(1);
        }

        @Test
        void second(FakeSmtpServer smtp) {
            PER_CLASS_SEEN.add(smtp);
            TestMail.send(smtp, "bob@example.com", "second", "two");
            assertThat(smtp).hasReceivedExactly(1); // emptied before this test
        }
    }

    @FakeSmtp(lifecycle = FakeSmtp.Lifecycle.PER_CLASS, port = 0)
    static class WithNested {
        @Test
        void outer(FakeSmtpServer smtp) {
            NESTED_SEEN.add(smtp);
        }

        @Nested
        class Inner {
            @Test
            void inner(FakeSmtpServer smtp) {
                NESTED_SEEN.add(smtp);
            }

            @Nested
            @FakeSmtp
            class InnerWithOwnServer {
                @Test
                void innermost(FakeSmtpServer smtp) {
                    NESTED_SEEN.add(smtp);
                }
            }
        }
    }

    @FakeSmtp(users = "app:s3cret", authRequired = true)
    static class FailsAfterSending {
        @Test
        void fails(FakeSmtpServer smtp) {
            TestMail.send(smtp, "app", "s3cret", "bob@example.com", "Welcome!", "hello");
            assertThat(smtp).hasReceivedExactly(1).firstMessage().hasSubject("Welcome");
        }
    }

    @FakeSmtp(lifecycle = FakeSmtp.Lifecycle.PER_CLASS)
    static class BeforeAllThrows {
        @BeforeAll
        static void setUp(FakeSmtpServer smtp) {
            BEFORE_ALL_SEEN.add(smtp);
            throw new IllegalStateException("set-up failed");
        }

        @Test
        void neverRuns() {
        }
    }

    @FakeSmtp
    static class ConstructorInjectionPerTest {
        ConstructorInjectionPerTest(FakeSmtpServer smtp) {
        }

        @Test
        void test() {
        }
    }

    @FakeSmtp(lifecycle = FakeSmtp.Lifecycle.PER_CLASS)
    static class ConstructorInjectionPerClass {
        private final FakeSmtpServer fromConstructor;

        ConstructorInjectionPerClass(FakeSmtpServer smtp) {
            this.fromConstructor = smtp;
        }

        @Test
        void sameServer(FakeSmtpServer smtp) {
            assertEquals(fromConstructor, smtp);
        }
    }

    @FakeSmtp
    static class Ambiguous {
        @RegisterExtension
        FakeSmtpExtension second = FakeSmtpExtension.builder().build();

        @Test
        void test(FakeSmtpServer smtp) {
        }
    }

    @FakeSmtp(users = "app")
    static class BadUser {
        @Test
        void test(FakeSmtpServer smtp) {
        }
    }

    static class StaticField {
        @RegisterExtension
        static FakeSmtpExtension smtp = FakeSmtpExtension.builder().build();

        @Test
        void first(FakeSmtpServer injected) {
            STATIC_FIELD_SEEN.add(smtp.server());
            assertEquals(smtp.server(), injected);
            TestMail.send(smtp.server(), "bob@example.com", "first", "one");
            assertThat(smtp.server()).hasReceivedExactly(1);
        }

        @Test
        void second() {
            STATIC_FIELD_SEEN.add(smtp.server());
            assertThat(smtp.server()).hasReceivedNothing();
        }
    }

    static class InstanceField {
        @RegisterExtension
        FakeSmtpExtension smtp = FakeSmtpExtension.builder().build();

        @Test
        void first() {
            INSTANCE_FIELD_SEEN.add(smtp.server());
            TestMail.send(smtp.server(), "bob@example.com", "first", "one");
            assertEquals(1, smtp.awaitMessages(1, java.time.Duration.ofSeconds(5)).size());
        }

        @Test
        void second() {
            INSTANCE_FIELD_SEEN.add(smtp.server());
        }
    }

    @FakeSmtp(failOnUnexpectedMail = true)
    static class FailOnUnexpected {
        @Test
        void assertsOnItsMail(FakeSmtpServer smtp) {
            TestMail.send(smtp, "bob@example.com", "expected", "one");
            assertThat(smtp).hasReceivedExactly(1);
        }

        @Test
        void ignoresItsMail(FakeSmtpServer smtp) {
            TestMail.send(smtp, "bob@example.com", "expected", "one");
            TestMail.send(smtp, "eve@example.com", "surprise", "two");
            assertThat(smtp).messagesTo("bob@example.com").singleMessage().hasSubject("expected");
        }
    }

    /** A fault rule that never fires fails its test when unexpected things fail tests. */
    @FakeSmtp(failOnUnexpectedMail = true)
    static class FailOnUnfiredFault {
        @Test
        void scriptsARejectionThatNeverHappens(FakeSmtpServer smtp) {
            smtp.inject(io.github.fakesmtp.Faults.rejectRecipient("nobody@example.com"));
            TestMail.send(smtp, "bob@example.com", "expected", "one");
            assertThat(smtp).hasReceivedExactly(1);
        }

        @Test
        void scriptsARejectionThatHappens(FakeSmtpServer smtp) {
            smtp.inject(io.github.fakesmtp.Faults.rejectRecipient("nobody@example.com"));
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> TestMail.send(smtp, "nobody@example.com", "refused", "one"));
            assertThat(smtp).hasReceivedNothing();
        }
    }

    /**
     * One test per way of examining mail, and per way that does not. Each test that should fail leaves the
     * message with subject "unexamined" unexamined; the test's name says which outcome it expects.
     */
    @FakeSmtp(failOnUnexpectedMail = true)
    static class Examined {
        private static final Duration WAIT = Duration.ofSeconds(5);

        @Test
        void passesWhenTakeMessageReturnedEachMessage(FakeSmtpServer smtp) {
            TestMail.send(smtp, "bob@example.com", "one", "1");
            TestMail.send(smtp, "bob@example.com", "two", "2");
            smtp.takeMessage(WAIT);
            smtp.takeMessage(WAIT);
        }

        @Test
        void passesWhenAwaitMessagesReturnedThem(FakeSmtpServer smtp) {
            TestMail.send(smtp, "bob@example.com", "one", "1");
            TestMail.send(smtp, "bob@example.com", "two", "2");
            smtp.awaitMessages(2, WAIT);
        }

        @Test
        void passesWhenHasReceivedAtLeastCountedThem(FakeSmtpServer smtp) {
            TestMail.send(smtp, "bob@example.com", "one", "1");
            TestMail.send(smtp, "bob@example.com", "two", "2");
            assertThat(smtp).hasReceivedAtLeast(1);
        }

        @Test
        void passesWhenMessagesToHasSizeCountedThem(FakeSmtpServer smtp) {
            TestMail.send(smtp, "bob@example.com", "one", "1");
            TestMail.send(smtp, "bob@example.com", "two", "2");
            assertThat(smtp).messagesTo("bob@example.com").hasSize(2);
        }

        @Test
        void passesWhenEachMessageWasChecked(FakeSmtpServer smtp) {
            TestMail.send(smtp, "bob@example.com", "one", "1");
            TestMail.send(smtp, "bob@example.com", "two", "2");
            assertThat(smtp).firstMessage().hasSubject("one");
            assertThat(smtp.messages().get(1)).satisfies(m -> assertEquals("two", m.subject()));
        }

        @Test
        void failsWhenTheMessagesWereOnlyListed(FakeSmtpServer smtp) {
            TestMail.send(smtp, "bob@example.com", "unexamined", "1");
            assertEquals(1, smtp.messages().size());
            assertEquals(1, smtp.messageCount());
        }

        @Test
        void failsWhenAMessageWasOnlyChosen(FakeSmtpServer smtp) {
            TestMail.send(smtp, "bob@example.com", "unexamined", "1");
            assertThat(smtp).firstMessage();
            assertThat(smtp).messagesTo("bob@example.com").singleMessage();
            assertThat(smtp.messages().get(0));
        }

        @Test
        void failsWhenACheckRanOnAnotherMessage(FakeSmtpServer smtp) {
            TestMail.send(smtp, "bob@example.com", "one", "1");
            TestMail.send(smtp, "bob@example.com", "unexamined", "2");
            assertThat(smtp).firstMessage().hasSubject("one");
        }

        @Test
        void failsWhenTheMessageDidNotMatch(FakeSmtpServer smtp) {
            TestMail.send(smtp, "bob@example.com", "one", "1");
            TestMail.send(smtp, "bob@example.com", "unexamined", "2");
            assertThat(smtp).hasReceivedMessageMatching(m -> "one".equals(m.subject()), "is the first");
        }

        @Test
        void failsWhenAnAssertionOnlyWaitedWhileItArrived(FakeSmtpServer smtp) {
            TestMail.send(smtp, "eve@example.com", "unexamined", "1");
            Thread test = Thread.currentThread();
            CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
                awaitBlocked(test); // the assertion below is waiting: what it waits for has not arrived
                TestMail.send(smtp, "bob@example.com", "one", "2");
            });
            assertThat(smtp).awaitingAtMost(WAIT).messagesTo("bob@example.com").singleMessage().hasSubject("one");
            later.join();
        }

        /** Returns once {@code thread} is parked in a timed wait. */
        private static void awaitBlocked(Thread thread) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (thread.getState() != Thread.State.TIMED_WAITING) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(thread + " did not start waiting within " + WAIT);
                }
                Thread.onSpinWait();
            }
        }
    }

    /** Many tests, each with its own server, run concurrently. */
    @FakeSmtp
    static class Concurrent {
        @org.junit.jupiter.api.RepeatedTest(8)
        void eachTestSeesOnlyItsOwnMail(FakeSmtpServer smtp, org.junit.jupiter.api.RepetitionInfo repetition) {
            String subject = "test " + repetition.getCurrentRepetition();
            TestMail.send(smtp, "bob@example.com", subject, "body");
            assertThat(smtp).hasReceivedExactly(1).firstMessage().hasSubject(subject);
        }
    }

    @FakeSmtp(lifecycle = FakeSmtp.Lifecycle.PER_CLASS)
    static class ConcurrentPerClass {
        @Test
        void one(FakeSmtpServer smtp) {
        }

        @Test
        void two(FakeSmtpServer smtp) {
        }
    }
}
