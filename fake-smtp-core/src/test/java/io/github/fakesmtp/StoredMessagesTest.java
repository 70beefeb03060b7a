package io.github.fakesmtp;

import static io.github.fakesmtp.SmtpChecks.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the server keeps and how readers follow it: the {@code maxStoredMessages} bound, removing one message,
 * {@code awaitMessagesAfter} for readers that remember the last number they saw, and waiters woken by close.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StoredMessagesTest {

    private static void send(FakeSmtpServer server, String... subjects) {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            for (String subject : subjects) {
                client.sendMessage("a@example.com", "b@example.com", message(subject, "x")).expect(250, "2.0.0");
            }
        }
    }

    private static List<String> subjects(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::subject).toList();
    }

    @Test
    void maxStoredMessagesIsValidatedByTheBuilder() {
        assertThatThrownBy(() -> FakeSmtpServer.builder().maxStoredMessages(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxStoredMessages must be at least 1, was 0");
    }

    @Test
    void beyondMaxStoredMessagesTheOldestIsDropped() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().maxStoredMessages(3).start()) {
            send(server, "m1", "m2", "m3", "m4", "m5");
            assertThat(subjects(server.messages())).containsExactly("m3", "m4", "m5");
            assertThat(server.messages()).extracting(ReceivedMessage::sequence).containsExactly(3, 4, 5);
            assertThat(server.messageCount()).isEqualTo(3);
        }
    }

    @Test
    void takeMessageReturnsTheOldestStillStoredAndSkipsOnesDroppedBeforeTheyWereTaken() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().maxStoredMessages(2).start()) {
            send(server, "m1", "m2");
            assertThat(server.takeMessage(SmtpChecks.WAIT).subject()).isEqualTo("m1");
            send(server, "m3"); // drops m1, already taken
            assertThat(server.takeMessage(SmtpChecks.WAIT).subject()).isEqualTo("m2");
            send(server, "m4", "m5"); // drops m2 (taken), then m3 (never taken)
            assertThat(server.takeMessage(SmtpChecks.WAIT).subject()).isEqualTo("m4");
            assertThat(server.takeMessage(SmtpChecks.WAIT).subject()).isEqualTo("m5");
        }
    }

    @Test
    void awaitMessagesRefusesToWaitForMoreThanCanBeStored() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().maxStoredMessages(2).start()) {
            assertThatThrownBy(() -> server.awaitMessages(3, SmtpChecks.WAIT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot wait for 3 messages: this server keeps at most 2 (maxStoredMessages)");
        }
    }

    @Test
    void removeMessageForgetsOneAndTakeSkipsIt() {
        try (FakeSmtpServer server = FakeSmtpServer.start()) {
            send(server, "keep", "drop", "also kept");
            ReceivedMessage drop = server.messages().get(1);
            assertThat(server.removeMessage(drop)).isTrue();
            assertThat(server.removeMessage(drop)).isFalse();
            assertThat(subjects(server.messages())).containsExactly("keep", "also kept");
            assertThat(server.takeMessage(SmtpChecks.WAIT).subject()).isEqualTo("keep");
            assertThat(server.takeMessage(SmtpChecks.WAIT).subject()).isEqualTo("also kept");
        }
    }

    @Test
    void awaitMessagesAfterReturnsTheNewerMessagesAtOnceOrWhenTheFirstArrives() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start()) {
            assertThat(server.awaitMessagesAfter(0, Duration.ZERO)).isEmpty();
            send(server, "m1", "m2", "m3");
            assertThat(subjects(server.awaitMessagesAfter(0, Duration.ZERO))).containsExactly("m1", "m2", "m3");
            assertThat(subjects(server.awaitMessagesAfter(1, Duration.ZERO))).containsExactly("m2", "m3");
            assertThat(server.awaitMessagesAfter(3, Duration.ofMillis(50))).isEmpty();

            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<List<ReceivedMessage>> later = reader.submit(() -> server.awaitMessagesAfter(3, Duration.ofSeconds(30)));
                send(server, "m4");
                assertThat(subjects(later.get(10, TimeUnit.SECONDS))).containsExactly("m4");
            } finally {
                reader.shutdownNow();
            }

            server.clear(); // numbers are never reused
            send(server, "m5");
            assertThat(server.awaitMessagesAfter(4, Duration.ZERO)).extracting(ReceivedMessage::sequence).containsExactly(5);
        }
    }

    @Test
    void aReaderFollowingAwaitMessagesAfterSeesEveryMessageOnceInOrderWhileClientsSendConcurrently() throws Exception {
        int clients = 8;
        int perClient = 25;
        try (FakeSmtpServer server = FakeSmtpServer.start()) {
            ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
            try {
                Future<List<Integer>> followed = pool.submit(() -> {
                    List<Integer> seen = new ArrayList<>();
                    int last = 0;
                    while (seen.size() < clients * perClient) {
                        List<ReceivedMessage> newer = server.awaitMessagesAfter(last, Duration.ofSeconds(30));
                        assertThat(newer).as("new messages within 30 s").isNotEmpty();
                        for (ReceivedMessage message : newer) {
                            seen.add(message.sequence());
                            last = message.sequence();
                        }
                    }
                    return seen;
                });
                List<Future<?>> senders = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int id = c;
                    senders.add(pool.submit(() -> {
                        for (int m = 0; m < perClient; m++) {
                            send(server, "c" + id + "m" + m);
                        }
                    }));
                }
                for (Future<?> sender : senders) {
                    sender.get(30, TimeUnit.SECONDS);
                }
                List<Integer> seen = followed.get(30, TimeUnit.SECONDS);
                assertThat(seen).hasSize(clients * perClient).isSorted().doesNotHaveDuplicates();
                assertThat(server.messages()).extracting(ReceivedMessage::sequence).isSorted();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void listenerCallsAreMadeOneAtATime() throws Exception {
        AtomicInteger inListener = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        try (FakeSmtpServer server = FakeSmtpServer.builder().onMessage(message -> {
            mostAtOnce.accumulateAndGet(inListener.incrementAndGet(), Math::max);
            Thread.yield();
            inListener.decrementAndGet();
        }).start()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> senders = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    senders.add(pool.submit(() -> send(server, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j")));
                }
                for (Future<?> sender : senders) {
                    sender.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(server.messageCount()).isEqualTo(40);
            assertThat(mostAtOnce.get()).isEqualTo(1);
        }
    }

    @Test
    void closeWakesThreadsWaitingForNewMessages() throws Exception {
        FakeSmtpServer server = FakeSmtpServer.start();
        send(server, "before close");
        server.takeMessage(SmtpChecks.WAIT);
        ExecutorService waiters = Executors.newFixedThreadPool(3);
        try {
            // Each waits a minute; the futures are read with 10 s deadlines, so only close() can end them in time.
            Future<Throwable> taking = waiters.submit(() -> {
                try {
                    server.takeMessage(Duration.ofMinutes(1));
                    return null;
                } catch (MailNotReceivedException e) {
                    return e;
                }
            });
            Future<Throwable> awaiting = waiters.submit(() -> {
                try {
                    server.awaitMessages(2, Duration.ofMinutes(1));
                    return null;
                } catch (MailNotReceivedException e) {
                    return e;
                }
            });
            Future<List<ReceivedMessage>> following = waiters.submit(() -> server.awaitMessagesAfter(1, Duration.ofMinutes(1)));
            server.close();
            assertThat(taking.get(10, TimeUnit.SECONDS)).hasMessageStartingWith("the server is closed, so no new message can arrive")
                    .hasMessageContaining("'before close'");
            assertThat(awaiting.get(10, TimeUnit.SECONDS)).hasMessageStartingWith("expected 2 messages but the server is closed");
            assertThat(following.get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(server.messages()).hasSize(1); // still readable
        } finally {
            waiters.shutdownNow();
        }
    }
}
