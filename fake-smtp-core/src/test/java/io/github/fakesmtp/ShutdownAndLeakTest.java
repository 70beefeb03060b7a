package io.github.fakesmtp;

import static io.github.fakesmtp.Robustness.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Shutdown and leaks, beyond the basics of {@link StoreAndLifecycleTest}: close() with 100 clients stuck in
 * every state a session can block in, a thousand start/close cycles that each carry a message, and the
 * edge cases of a server closed twice or never started.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShutdownAndLeakTest {

    /**
     * Every client runs on its own thread: the common pool has a single thread on a two-core machine, which
     * would run the clients one after the other.
     */
    private static final Executor THREADS = runnable -> {
        Thread thread = new Thread(runnable, "attacking-client");
        thread.setDaemon(true);
        thread.start();
    };

    private static final String SECRET = "pw";

    @Test
    void closeWithHundredClientsStalledInEveryStateReturnsWithinASecondAndEndsEveryThread() throws Exception {
        FakeSmtpServer server = FakeSmtpServer.builder().user("alice", SECRET).start();
        int port = server.port();
        List<SmtpTestClient> clients = new ArrayList<>();
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                SmtpTestClient client = i % 5 == 4 ? SmtpTestClient.connect(server) : SmtpTestClient.ready(server);
                clients.add(client);
                switch (i % 5) {
                    case 0 -> { } // silent after EHLO: blocked reading a command
                    case 1 -> { // blocked reading message data
                        client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
                        client.command("RCPT TO:<b@example.com>").expect(250, "2.1.5");
                        client.command("DATA").expect(354);
                        client.send("Subject: stuck\r\n\r\nhalf a mess");
                    }
                    case 2 -> { // blocked reading a BDAT chunk
                        client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
                        client.command("RCPT TO:<b@example.com>").expect(250, "2.1.5");
                        client.send("BDAT 100000 LAST\r\nonly a few octets");
                    }
                    case 3 -> client.command("AUTH LOGIN").expect(334); // blocked waiting for a SASL response
                    default -> { // never reads: the server blocks writing replies to pipelined commands
                        byte[] flood = "HELP\r\n".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
                        writers.add(CompletableFuture.runAsync(() -> {
                            try {
                                client.send(flood);
                            } catch (UncheckedIOException closedByServer) {
                                // expected once the server closes
                            }
                        }, THREADS));
                    }
                }
            }
            // 100 sessions and the thread accepting.
            // The flooding clients do not wait for their greeting, so their sessions may still be starting.
            Robustness.eventually(() -> ServerThreads.live(port).size() >= 101);
            assertThat(ServerThreads.live(port)).hasSizeGreaterThanOrEqualTo(101);

            long start = System.nanoTime();
            server.close();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            List<String> left = ServerThreads.live(port);
            System.out.printf("close() with 100 stalled clients: %d ms, %d threads left%n", millis, left.size());

            // The promise: when close() returns, every thread has ended (no timing in that), and it returns
            // within about a second (the engine's deadline; the margin is for a loaded machine).
            assertThat(left).as("threads of the closed server when close() returned").isEmpty();
            assertThat(millis).as("close() duration in ms with 100 stalled clients").isLessThan(3000);
            for (CompletableFuture<Void> writer : writers) {
                writer.get(10, TimeUnit.SECONDS); // the flooding clients were cut off, not left hanging
            }
            assertThat(clients).allSatisfy(client -> assertThat(client.serverClosesAfterAnyOutput()).isTrue());
            assertThat(server.messages()).isEmpty();
        } finally {
            clients.forEach(SmtpTestClient::close);
            server.close();
        }
    }

    @Test
    void thousandStartCloseCyclesWithAMessageEachLeakNoThreadsSocketsOrMemory() {
        int cycles = (int) Robustness.size("cycles", 1000);
        cycle(); // warm up classes and TLS-free code paths before measuring
        long threadsBefore = ServerThreads.liveAll();
        long descriptorsBefore = Robustness.openFileDescriptors();
        long heapBefore = Robustness.retainedHeap();
        List<WeakReference<FakeSmtpServer>> closed = new ArrayList<>(cycles);
        for (int i = 0; i < cycles; i++) {
            closed.add(new WeakReference<>(cycle()));
        }
        // Exact, and whatever the collector's mood: nothing may keep a closed server (its store, its
        // threads, its sockets) reachable.
        assertThat(Robustness.eventually(() -> {
            System.gc();
            return closed.stream().allMatch(server -> server.get() == null);
        })).as("every closed server can be collected").isTrue();
        assertThat(Robustness.eventually(() -> ServerThreads.liveAll() <= threadsBefore))
                .as("server threads after %d cycles: %d, before: %d", cycles, ServerThreads.liveAll(), threadsBefore)
                .isTrue();
        if (descriptorsBefore >= 0) {
            assertThat(Robustness.eventually(() -> Robustness.openFileDescriptors() <= descriptorsBefore + 5))
                    .as("open file descriptors after %d cycles: %d, before: %d", cycles,
                            Robustness.openFileDescriptors(), descriptorsBefore).isTrue();
        }
        long heapGrowth = Robustness.retainedHeap() - heapBefore;
        System.out.printf("lifecycle: %d start/close cycles with a message each; threads %d -> %d, "
                + "descriptors %d -> %d, heap growth %d KiB%n", cycles, threadsBefore, ServerThreads.liveAll(),
                descriptorsBefore, Robustness.openFileDescriptors(), heapGrowth / 1024);
        // The weak references are the exact check for the servers; this catches what grows beside them (a
        // cache per server, a registry). Measured growth is about zero.
        assertThat(heapGrowth).as("heap growth after %d cycles", cycles).isLessThan(16 * MIB);
    }

    /** One server's whole life with a message; returns it closed. */
    private static FakeSmtpServer cycle() {
        try (FakeSmtpServer server = FakeSmtpServer.start()) {
            try (SmtpTestClient client = SmtpTestClient.ready(server)) {
                client.sendMessage("a@example.com", "b@example.com", SmtpChecks.message("cycle", "x"))
                        .expect(250, "2.0.0");
            }
            server.takeMessage(SmtpChecks.WAIT);
            return server;
        }
    }

    @Test
    void aClosedServerClosedAgainKeepsItsMessagesRefusesConnectionsAndDoesNotBlock() {
        FakeSmtpServer server = FakeSmtpServer.start();
        int port = server.port();
        SmtpChecks.assertStillServes(server);
        server.close();
        server.close();
        assertThat(server.port()).isEqualTo(port);
        assertThat(server.messages()).hasSize(1); // what arrived stays readable for assertions
        assertThat(server.takeMessage(SmtpChecks.WAIT).subject()).startsWith("still serving");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
                () -> server.takeMessage(Duration.ofMillis(50))).isInstanceOf(MailNotReceivedException.class));
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            }
        }).isInstanceOf(ConnectException.class);
        assertThat(ServerThreads.live(port)).isEmpty();
    }

    @Test
    void aBuilderThatIsNeverStartedHoldsNoPortAndNoThread() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        long descriptors = Robustness.openFileDescriptors();
        for (int i = 0; i < 100; i++) {
            FakeSmtpServer.builder().port(port).user("u", "p").maxConnections(3); // configured, never started
        }
        assertThat(ServerThreads.live(port)).isEmpty();
        if (descriptors >= 0) {
            assertThat(Robustness.openFileDescriptors()).isLessThanOrEqualTo(descriptors + 2);
        }
        try (FakeSmtpServer server = FakeSmtpServer.builder().port(port).start()) {
            assertThat(server.port()).isEqualTo(port); // the port was never taken
        }
    }

    @Test
    void startingOnAPortHeldByAnotherProgramFailsAtOnceNamingThePort() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = other.getLocalPort();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
                    () -> FakeSmtpServer.builder().port(port).start())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("127.0.0.1:" + port));
            assertThat(ServerThreads.live(port)).isEmpty();
        }
    }
}
