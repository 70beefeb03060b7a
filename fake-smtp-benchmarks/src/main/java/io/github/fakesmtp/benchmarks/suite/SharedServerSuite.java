package io.github.fakesmtp.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Variant 3, the floor: one {@code FakeSmtpServer} for the whole class. Run in sequence, each test starts
 * from {@code clear()}; run concurrently, tests cannot clear each other's mail, so each waits for its own
 * subject instead.
 */
public class SharedServerSuite {

    private static FakeSmtpServer smtp;

    @BeforeAll
    static void start() {
        smtp = FakeSmtpServer.builder().start();
    }

    @AfterAll
    static void stop() {
        smtp.close();
    }

    @RepeatedTest(SuiteScenario.TESTS)
    void sendsOneMail() throws Exception {
        if (SuiteScenario.concurrent()) {
            String subject = Mail.send(smtp.port());
            assertThat(awaitSubject(subject)).isTrue();
        } else {
            smtp.clear();
            String subject = Mail.send(smtp.port());
            assertThat(smtp.takeMessage(Duration.ofSeconds(5)).subject()).isEqualTo(subject);
        }
    }

    /** Blocks on the server's arrival condition until a message with {@code subject} is there, or 5 s pass. */
    private static boolean awaitSubject(String subject) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            List<ReceivedMessage> messages = smtp.messages();
            for (ReceivedMessage message : messages) {
                if (subject.equals(message.subject())) {
                    return true;
                }
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            try {
                smtp.awaitMessages(messages.size() + 1, Duration.ofNanos(remaining));
            } catch (RuntimeException deadlinePassed) {
                return false;
            }
        }
    }
}
