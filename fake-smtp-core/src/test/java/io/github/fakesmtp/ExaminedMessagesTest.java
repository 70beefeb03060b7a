package io.github.fakesmtp;

import static io.github.fakesmtp.SmtpChecks.WAIT;
import static io.github.fakesmtp.SmtpChecks.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.internal.report.ExaminedMessages;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the server records as examined for the front ends' "fail on unexpected mail": the messages that
 * {@code takeMessage} and {@code awaitMessages} return, and nothing else it does.
 */
@Timeout(30)
class ExaminedMessagesTest extends ServerPerTest {

    private void send(String subject) {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.sendMessage("alice@example.com", "bob@example.com", message(subject, "x")).expect(250, "2.0.0");
        }
    }

    @Test
    void takeMessageExaminesTheMessageItReturnsOnly() {
        send("one");
        send("two");

        ReceivedMessage taken = server.takeMessage(WAIT);

        assertThat(taken.subject()).isEqualTo("one");
        assertThat(server.messages()).extracting(ExaminedMessages::isExamined).containsExactly(true, false);
    }

    @Test
    void awaitMessagesExaminesEveryMessageItReturns() {
        send("one");
        send("two");

        List<ReceivedMessage> returned = server.awaitMessages(1, WAIT);

        assertThat(returned).hasSize(2).allMatch(ExaminedMessages::isExamined);
    }

    @Test
    void listingCountingAndFailedWaitsExamineNothing() {
        send("one");

        server.messages();
        server.messageCount();
        server.toString();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.awaitMessages(2, Duration.ofMillis(50)))
                .isInstanceOf(MailNotReceivedException.class);

        assertThat(server.messages()).noneMatch(ExaminedMessages::isExamined);
    }

    @Test
    void waitingWithoutExaminingWaitsForTheArrivalAndExaminesNothing() throws Exception {
        Thread waiter = Thread.currentThread();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            awaitBlocked(waiter);
            send("late");
        });

        boolean arrived = ExaminedMessages.awaitWithoutExamining(server, 1, WAIT);
        sending.join();

        assertThat(arrived).isTrue();
        assertThat(server.messages()).singleElement().matches(m -> !ExaminedMessages.isExamined(m));
        assertThat(ExaminedMessages.awaitWithoutExamining(server, 2, Duration.ofMillis(50))).as("at the deadline").isFalse();
    }

    /** Returns once {@code thread} is parked in a timed wait, so that what it waits for has not happened yet. */
    static void awaitBlocked(Thread thread) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thread + " did not start waiting within " + WAIT);
            }
            Thread.onSpinWait();
        }
    }
}
