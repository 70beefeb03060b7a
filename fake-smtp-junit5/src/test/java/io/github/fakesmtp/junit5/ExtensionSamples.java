package io.github.fakesmtp.junit5;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.TlsMode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Test classes that {@link FakeSmtpExtensionTest} runs with the EngineTestKit. They are static nested
 * classes so that Maven Surefire does not run them on their own. Each records the servers it was given.
 */
final class ExtensionSamples {

    /** Servers the samples saw, in order; read by the test that ran them. One queue per sample. */
    static final Queue<FakeSmtpServer> PER_TEST_SEEN = new ConcurrentLinkedQueue<>();
    static final Queue<FakeSmtpServer> PER_CLASS_SEEN = new ConcurrentLinkedQueue<>();
    static final Map<String, FakeSmtpServer> NESTED_SEEN = new ConcurrentHashMap<>();
    static final Queue<FakeSmtpServer> BEFORE_ALL_SEEN = new ConcurrentLinkedQueue<>();
    static final Queue<FakeSmtpServer> STATIC_FIELD_SEEN = new ConcurrentLinkedQueue<>();
    static final Queue<FakeSmtpServer> INSTANCE_FIELD_SEEN = new ConcurrentLinkedQueue<>();
    static final Map<String, FakeSmtpServer> SAVED_MAIL_SEEN = new ConcurrentHashMap<>();

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
            NESTED_SEEN.put("outer", smtp);
        }

        @Nested
        class Inner {
            @Test
            void inner(FakeSmtpServer smtp) {
                NESTED_SEEN.put("without its own @FakeSmtp", smtp);
            }

            @Nested
            @FakeSmtp
            class InnerWithOwnServer {
                @Test
                void innermost(FakeSmtpServer smtp) {
                    NESTED_SEEN.put("with a different @FakeSmtp", smtp);
                }
            }
        }

        @Nested
        @FakeSmtp(lifecycle = FakeSmtp.Lifecycle.PER_CLASS) // port 0 is the default: equal to the outer one
        class InnerWithEqualSettings {
            @Test
            void inner(FakeSmtpServer smtp) {
                NESTED_SEEN.put("with an equal @FakeSmtp", smtp);
            }
        }
    }

    @FakeSmtp
    static class SavesMailOfFailedTests {
        @Test
        void failsAfterAPlainAndAnHtmlMail(FakeSmtpServer smtp) {
            SAVED_MAIL_SEEN.put("failed", smtp);
            TestMail.send(smtp, "bob@example.com", "plain", "no HTML");
            TestMail.sendRaw(smtp, HTML_WITH_INLINE_IMAGE);
            assertThat(smtp).hasReceivedExactly(3);
        }

        @Test
        void passesWithMail(FakeSmtpServer smtp) {
            TestMail.send(smtp, "bob@example.com", "passing", "text");
            assertThat(smtp).hasReceivedExactly(1);
        }

        @Test
        void failsWithoutMail() {
            throw new AssertionError("no mail here");
        }

        @ParameterizedTest
        @ValueSource(strings = {"first", "second"})
        void failsEachInvocation(String subject, FakeSmtpServer smtp) {
            TestMail.send(smtp, "bob@example.com", subject, "text");
            throw new AssertionError("failed " + subject);
        }
    }

    /** An HTML mail with a text alternative and an inline image (a PNG signature), as sendRaw takes it. */
    static final String HTML_WITH_INLINE_IMAGE = """
            From: app@example.com
            To: bob@example.com
            Subject: rich
            Content-Type: multipart/related; boundary="r1"

            --r1
            Content-Type: multipart/alternative; boundary="b1"

            --b1
            Content-Type: text/plain; charset=UTF-8

            Hello
            --b1
            Content-Type: text/html; charset=UTF-8

            <p>Hello <img alt="logo" src="cid:logo@example.com"></p>
            --b1--
            --r1
            Content-Type: image/png
            Content-Transfer-Encoding: base64
            Content-ID: <logo@example.com>

            iVBORw0KGgo=
            --r1--
            """;

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

    /** Annotations whose attributes the server's builder refuses, one class each. */
    @FakeSmtp(maxMessageSize = -1)
    static class NegativeMaxMessageSize {
        @Test
        void test(FakeSmtpServer smtp) {
        }
    }

    @FakeSmtp(maxRecipients = -5)
    static class NegativeMaxRecipients {
        @Test
        void test(FakeSmtpServer smtp) {
        }
    }

    @FakeSmtp(port = 70_000)
    static class PortOutOfRange {
        @Test
        void test(FakeSmtpServer smtp) {
        }
    }

    @FakeSmtp(authRequired = true)
    static class AuthRequiredWithoutUsers {
        @Test
        void test(FakeSmtpServer smtp) {
        }
    }

    @FakeSmtp(requireTls = true, lifecycle = FakeSmtp.Lifecycle.PER_CLASS)
    static class RequireTlsWithoutTls {
        @Test
        void test(FakeSmtpServer smtp) {
        }
    }

    /** The size and count attributes reach the server: SIZE is advertised, a third RCPT is refused. */
    @FakeSmtp(maxMessageSize = 1000, maxRecipients = 2)
    static class Limits {
        @Test
        void theServerHasTheAnnotationsLimits(FakeSmtpServer smtp) throws IOException {
            List<String> replies = RawSmtp.converse(smtp, "EHLO client", "MAIL FROM:<a@example.com>",
                    "RCPT TO:<b@example.com>", "RCPT TO:<c@example.com>", "RCPT TO:<d@example.com>");
            assertTrue(replies.get(1).contains("250-SIZE 1000\n"), replies.get(1));
            assertEquals(List.of("250", "250", "250", "452"),
                    replies.subList(2, 6).stream().map(reply -> reply.substring(0, 3)).toList());
        }
    }

    /** requireTls reaches the server: MAIL before STARTTLS gets 530 (RFC 3207 section 4). */
    @FakeSmtp(tls = TlsMode.STARTTLS, requireTls = true)
    static class TlsRequired {
        @Test
        void mailBeforeStartTlsIsRefused(FakeSmtpServer smtp) throws IOException {
            List<String> replies = RawSmtp.converse(smtp, "EHLO client", "MAIL FROM:<a@example.com>");
            assertTrue(replies.get(1).contains("250-STARTTLS\n"), replies.get(1));
            assertTrue(replies.get(2).startsWith("530 5.7.0"), replies.get(2));
        }
    }

    /** The programmatic form takes the server's own builder; the builder's checks apply when it starts. */
    static class ProgrammaticServerOptions {
        @RegisterExtension
        FakeSmtpExtension smtp = FakeSmtpExtension.builder()
                .server(server -> server.user("app", "s3cret"))
                .server(server -> server.authRequired(true).maxRecipients(3))
                .failOnUnexpectedMail(true)
                .build();

        @Test
        void sendsWithTheConfiguredUser() {
            TestMail.send(smtp.server(), "app", "s3cret", "bob@example.com", "hello", "hi");
            assertThat(smtp.takeMessage(Duration.ofSeconds(5))).wasAuthenticatedAs("app");
        }

        @Test
        void failsOnMailItDidNotExamine() {
            TestMail.send(smtp.server(), "app", "s3cret", "bob@example.com", "ignored", "hi");
        }
    }

    static class ProgrammaticInvalidOption {
        @RegisterExtension
        FakeSmtpExtension smtp = FakeSmtpExtension.builder().server(server -> server.maxRecipients(0)).build();

        @Test
        void test() {
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
            sendToBob(smtp, "one", "two");
            smtp.takeMessage(WAIT);
            smtp.takeMessage(WAIT);
        }

        @Test
        void passesWhenAwaitMessagesReturnedThem(FakeSmtpServer smtp) {
            sendToBob(smtp, "one", "two");
            smtp.awaitMessages(2, WAIT);
        }

        @Test
        void passesWhenHasReceivedAtLeastCountedThem(FakeSmtpServer smtp) {
            sendToBob(smtp, "one", "two");
            assertThat(smtp).hasReceivedAtLeast(1);
        }

        @Test
        void passesWhenMessagesToHasSizeCountedThem(FakeSmtpServer smtp) {
            sendToBob(smtp, "one", "two");
            assertThat(smtp).messagesTo("bob@example.com").hasSize(2);
        }

        @Test
        void passesWhenEachMessageWasChecked(FakeSmtpServer smtp) {
            sendToBob(smtp, "one", "two");
            assertThat(smtp).firstMessage().hasSubject("one");
            assertThat(smtp.messages().get(1)).satisfies(m -> assertEquals("two", m.subject()));
        }

        @Test
        void passesWhenLinkCodeAndLintAssertionsRan(FakeSmtpServer smtp) {
            TestMail.send(smtp, "bob@example.com", "one", "Code 123456: https://app.example.com/in");
            TestMail.send(smtp, "bob@example.com", "two", "https://app.example.com/in");
            assertThat(smtp.messages().get(0)).extractingMatch("Code (\\d+)").isEqualTo("123456");
            assertThat(smtp.messages().get(1)).hasNoLinkTo("localhost");
        }

        @Test
        void failsWhenTheMessagesWereOnlyListed(FakeSmtpServer smtp) {
            sendToBob(smtp, "unexamined");
            assertEquals(1, smtp.messages().size());
            assertEquals(1, smtp.messageCount());
        }

        @Test
        void failsWhenAMessageWasOnlyChosen(FakeSmtpServer smtp) {
            sendToBob(smtp, "unexamined");
            assertThat(smtp).firstMessage();
            assertThat(smtp).messagesTo("bob@example.com").singleMessage();
            assertThat(smtp.messages().get(0));
        }

        @Test
        void failsWhenACheckRanOnAnotherMessage(FakeSmtpServer smtp) {
            sendToBob(smtp, "one", "unexamined");
            assertThat(smtp).firstMessage().hasSubject("one");
        }

        @Test
        void failsWhenTheMessageDidNotMatch(FakeSmtpServer smtp) {
            sendToBob(smtp, "one", "unexamined");
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

        private static void sendToBob(FakeSmtpServer smtp, String... subjects) {
            for (String subject : subjects) {
                TestMail.send(smtp, "bob@example.com", subject, "text");
            }
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
