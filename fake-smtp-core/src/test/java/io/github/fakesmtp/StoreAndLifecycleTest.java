package io.github.fakesmtp;

import static io.github.fakesmtp.SmtpChecks.assertNothingCapturedAndStillServes;
import static io.github.fakesmtp.SmtpChecks.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The message store (take, await, clear) and the server's lifecycle: start, limits, timeouts and close. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StoreAndLifecycleTest {

    private static void send(FakeSmtpServer server, String subject) {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.sendMessage("a@example.com", "b@example.com", message(subject, "x")).expect(250, "2.0.0");
        }
    }

    private static List<Thread> serverThreads(int port) {
        String prefix = "fake-smtp-" + port + "-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
                .toList();
    }

    private static long liveServerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("fake-smtp-"))
                .count();
    }

    @Test
    void takeMessageReturnsMessagesInOrderLikeAQueue() {
        try (FakeSmtpServer server = FakeSmtpServer.start()) {
            send(server, "one");
            send(server, "two");
            send(server, "three");
            assertThat(server.takeMessage(SmtpChecks.WAIT).subject()).isEqualTo("one");
            assertThat(server.takeMessage(SmtpChecks.WAIT).subject()).isEqualTo("two");
            assertThat(server.takeMessage(SmtpChecks.WAIT).subject()).isEqualTo("three");
            assertThat(server.messages()).extracting(ReceivedMessage::sequence).containsExactly(1, 2, 3);
            assertThat(server.messages()).extracting(ReceivedMessage::connectionIndex).containsExactly(1, 2, 3);
            assertThat(server.messageCount()).isEqualTo(3);
        }
    }

    @Test
    void takeMessageThrowsMailNotReceivedWithAClearMessageOnTimeout() {
        try (FakeSmtpServer server = FakeSmtpServer.start()) {
            assertThatThrownBy(() -> server.takeMessage(Duration.ofMillis(100)))
                    .isInstanceOf(MailNotReceivedException.class)
                    .hasMessageContaining("no new message arrived within 100 ms")
                    .hasMessageContaining("received so far: none");
            send(server, "only");
            server.takeMessage(SmtpChecks.WAIT);
            assertThatThrownBy(() -> server.takeMessage(Duration.ofMillis(100)))
                    .isInstanceOf(MailNotReceivedException.class)
                    .hasMessageContaining("'only'"); // says what did arrive
        }
    }

    @Test
    void takeMessageWaitsForAMessageSentLater() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start()) {
            ExecutorService sender = Executors.newSingleThreadExecutor();
            try {
                Future<ReceivedMessage> taken = sender.submit(() -> server.takeMessage(Duration.ofSeconds(10)));
                send(server, "later");
                assertThat(taken.get(10, TimeUnit.SECONDS).subject()).isEqualTo("later");
            } finally {
                sender.shutdownNow();
            }
        }
    }

    @Test
    void awaitMessagesReturnsAllOrExplainsWhatArrived() {
        try (FakeSmtpServer server = FakeSmtpServer.start()) {
            send(server, "a");
            send(server, "b");
            assertThat(server.awaitMessages(2, SmtpChecks.WAIT)).extracting(ReceivedMessage::subject)
                    .containsExactly("a", "b");
            assertThatThrownBy(() -> server.awaitMessages(3, Duration.ofMillis(100)))
                    .isInstanceOf(MailNotReceivedException.class)
                    .hasMessageContaining("expected 3 messages within 100 ms but received 2 messages:")
                    .hasMessageContaining("'a'").hasMessageContaining("'b'");
        }
    }

    @Test
    void clearForgetsMessagesAndTranscripts() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().recordTranscripts(true).start()) {
            send(server, "before");
            assertThat(server.transcripts()).hasSize(1);
            server.clear();
            assertThat(server.messages()).isEmpty();
            assertThat(server.transcripts()).isEmpty();
            assertThatThrownBy(() -> server.takeMessage(Duration.ofMillis(50))).isInstanceOf(MailNotReceivedException.class);
            send(server, "after");
            assertThat(server.takeMessage(SmtpChecks.WAIT).subject()).isEqualTo("after");
        }
    }

    /** The design's promise: the 250 is sent only after the message is stored, so no waiting is needed. */
    @Test
    void rfc5321_4_1_1_4_messageIsVisibleByTheTimeTheClientHasRead250() {
        try (FakeSmtpServer server = FakeSmtpServer.start();
                SmtpTestClient client = SmtpTestClient.ready(server)) {
            for (int i = 1; i <= 20; i++) {
                client.sendMessage("a@example.com", "b@example.com", message("m" + i, "x")).expect(250, "2.0.0");
                assertThat(server.messageCount()).isEqualTo(i);
                assertThat(server.messages().get(i - 1).indexInConnection()).isEqualTo(i);
            }
        }
    }

    @Test
    void rfc5321_4_2_3_aThrowingListenerGives451AndNothingIsStored() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().onMessage(message -> {
            if ("boom".equals(message.subject())) {
                throw new IllegalStateException("listener failed");
            }
        }).start()) {
            try (SmtpTestClient client = SmtpTestClient.ready(server)) {
                client.sendMessage("a@example.com", "b@example.com", message("boom", "x")).expect(451, "4.3.0");
                client.sendMessage("a@example.com", "b@example.com", message("fine", "x")).expect(250, "2.0.0");
            }
            assertThat(server.messages()).singleElement().satisfies(m -> assertThat(m.subject()).isEqualTo("fine"));
        }
    }

    @Test
    void concurrentClientsAreAllCapturedWithDistinctSequenceNumbers() throws Exception {
        int clients = 8;
        int perClient = 5;
        try (FakeSmtpServer server = FakeSmtpServer.start()) {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int id = c;
                    done.add(pool.submit(() -> {
                        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
                            for (int m = 0; m < perClient; m++) {
                                client.sendMessage("c" + id + "@example.com", "b@example.com",
                                        message("c" + id + "m" + m, "x")).expect(250, "2.0.0");
                            }
                        }
                    }));
                }
                for (Future<?> future : done) {
                    future.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            List<ReceivedMessage> messages = server.awaitMessages(clients * perClient, SmtpChecks.WAIT);
            assertThat(messages).extracting(ReceivedMessage::sequence).doesNotHaveDuplicates()
                    .hasSize(clients * perClient);
            assertThat(messages).extracting(ReceivedMessage::subject).doesNotHaveDuplicates();
        }
    }

    @Test
    void closeWithStalledClientsReturnsPromptlyAndEndsEveryThread() {
        FakeSmtpServer server = FakeSmtpServer.start();
        int port = server.port();
        List<SmtpTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                SmtpTestClient client = SmtpTestClient.connect(server);
                client.readReply().expect(220); // its session thread is running; now it sends nothing
                clients.add(client);
            }
            SmtpTestClient midData = SmtpTestClient.ready(server);
            clients.add(midData);
            midData.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            midData.command("RCPT TO:<b@example.com>").expect(250, "2.1.5");
            midData.command("DATA").expect(354);
            midData.send("Subject: stuck\r\n\r\nhalf a mess");
            assertThat(serverThreads(port)).hasSizeGreaterThanOrEqualTo(22); // 21 sessions + the thread accepting

            long start = System.nanoTime();
            server.close();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            System.out.printf("close() with 21 stalled clients: %d ms%n", millis);
            // When close() returns every thread has ended; it returns within about a second (the margin is
            // for a loaded machine).
            assertThat(serverThreads(port)).as("threads of the closed server").isEmpty();
            assertThat(millis).as("close() duration in ms").isLessThan(3000);
            assertThat(clients).allSatisfy(client -> assertThat(client.serverClosed()).isTrue());
            assertThat(server.messages()).isEmpty(); // the half message is discarded
            server.close(); // a second close is harmless
        } finally {
            clients.forEach(SmtpTestClient::close);
            server.close();
        }
    }

    @Test
    void thousandStartCloseCyclesLeakNoThreads() {
        long before = liveServerThreads();
        for (int i = 0; i < 1000; i++) {
            try (FakeSmtpServer server = FakeSmtpServer.start()) {
                if (i % 100 == 0) {
                    send(server, "cycle " + i); // now and then with a real connection, too
                }
            }
        }
        assertThat(Robustness.eventually(() -> liveServerThreads() <= before))
                .as("fake-smtp threads back to %d, live: %s", before, liveServerThreads()).isTrue();
    }

    @Test
    void bindingAPortInUseNamesTheAddress() {
        try (FakeSmtpServer first = FakeSmtpServer.start()) {
            assertThatThrownBy(() -> FakeSmtpServer.builder().port(first.port()).start())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port());
            SmtpChecks.assertStillServes(first);
        }
    }

    @Test
    void aFixedFreePortCanBeUsedAgainRightAfterClose() {
        int port;
        try (FakeSmtpServer first = FakeSmtpServer.start()) {
            port = first.port();
            send(first, "first");
        }
        try (FakeSmtpServer again = FakeSmtpServer.builder().port(port).start()) {
            assertThat(again.port()).isEqualTo(port);
            SmtpChecks.assertStillServes(again);
        }
    }

    /** RFC 5321 section 3.8: a server that will not serve a connection says 421 and closes it. */
    @Test
    void rfc5321_3_8_connectionsOverMaxConnectionsGet421AndAreClosed() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().maxConnections(2).start()) {
            try (SmtpTestClient one = SmtpTestClient.ready(server);
                    SmtpTestClient two = SmtpTestClient.ready(server);
                    SmtpTestClient three = SmtpTestClient.connect(server)) {
                three.readReply().expect(421, "4.3.2");
                assertThat(three.serverClosed()).isTrue();
                one.command("NOOP").expect(250, "2.0.0"); // the others are untouched
                one.command("QUIT").expect(221, "2.0.0");
                assertThat(one.serverClosed()).isTrue();
                // the slot frees once the first session has ended
                assertThat(Robustness.eventually(() -> {
                    try (SmtpTestClient next = SmtpTestClient.connect(server)) {
                        return next.readReply().code() == 220;
                    }
                })).isTrue();
                two.sendMessage("a@example.com", "b@example.com", message("two", "x")).expect(250, "2.0.0");
            }
            assertThat(server.takeMessage(SmtpChecks.WAIT).subject()).isEqualTo("two");
        }
    }

    /** RFC 5321 section 4.5.3.2.7: a server may time out an idle client; it says 421 before closing. */
    @Test
    void rfc5321_4_5_3_2_7_idleClientGets421AndIsClosed() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().idleTimeout(Duration.ofMillis(300)).start()) {
            try (SmtpTestClient client = SmtpTestClient.ready(server)) {
                client.readReply().expect(421, "4.4.2"); // sent nothing: within the client's 5 s read timeout
                assertThat(client.serverClosed()).isTrue();
            }
            try (SmtpTestClient client = SmtpTestClient.ready(server)) {
                client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
                client.command("RCPT TO:<b@example.com>").expect(250, "2.1.5");
                client.command("DATA").expect(354);
                client.send("Subject: stalled\r\n\r\nand then nothing");
                client.readReply().expect(421, "4.4.2");
                assertThat(client.serverClosed()).isTrue();
            }
            assertNothingCapturedAndStillServes(server);
        }
    }
}
