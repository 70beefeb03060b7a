package io.github.fakesmtp.assertj;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.internal.report.ExaminedMessages;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Waits for messages by blocking on the server's arrival condition, one arrival at a time, never by sleeping
 * and looking again. Waiting examines nothing: the assertion that waited decides which messages it checks.
 */
final class Awaiting {

    private Awaiting() {
    }

    /**
     * The messages that match, once at least {@code wanted} of them arrived or the deadline passed.
     *
     * @param timeout null to look only at what is there now
     */
    static List<ReceivedMessage> matching(FakeSmtpServer server, Predicate<? super ReceivedMessage> filter,
            int wanted, Duration timeout) {
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReceivedMessage> all = server.messages();
            List<ReceivedMessage> matches = all.stream().filter(filter).map(m -> (ReceivedMessage) m).toList();
            long remaining = deadline - System.nanoTime();
            if (matches.size() >= wanted || timeout == null || remaining <= 0) {
                return matches;
            }
            try {
                ExaminedMessages.awaitWithoutExamining(server, all.size() + 1, Duration.ofNanos(remaining));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return server.messages().stream().filter(filter).map(m -> (ReceivedMessage) m).toList();
            }
        }
    }

    static String within(Duration timeout) {
        return timeout == null ? "" : " within " + timeout.toMillis() + " ms";
    }
}
