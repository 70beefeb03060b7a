package io.github.fakesmtp;

import static io.github.fakesmtp.Robustness.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile clients against the documented limits: each gets its reply or its disconnect, the server's memory
 * stays bounded (no input is buffered whole), and other clients keep being served meanwhile.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LimitsUnderAttackTest {

    /**
     * Every client runs on its own thread: the common pool has a single thread on a two-core machine, which
     * would run the clients one after the other.
     */
    private static final Executor THREADS = runnable -> {
        Thread thread = new Thread(runnable, "attacking-client");
        thread.setDaemon(true);
        thread.start();
    };

    private static final long HUGE_DATA = Robustness.size("attack.dataBytes", 1024 * MIB);
    private static final long NO_NEWLINE = Robustness.size("attack.noNewlineBytes", 256 * MIB);

    /**
     * RFC 5321 sections 4.5.3.1.4 and 4.5.3.1.10: a command line past 512 octets is answered 500 at once;
     * the rest is dropped as it comes, never kept; a client that goes on for a MiB without a newline gets
     * 421 and is disconnected, and other clients are served meanwhile.
     */
    @Test
    void rfc5321_4_5_3_1_4_aClientThatNeverSendsANewlineGets500AtOnceThen421AfterAMebibyte() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start();
                SmtpTestClient client = SmtpTestClient.ready(server)) {
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) 'A');
            client.send(block);
            client.readReply().expect(500, "5.5.2"); // before any newline
            SmtpChecks.assertStillServes(server); // while that line is still open
            AtomicLong sent = new AtomicLong(block.length);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    while (sent.get() < NO_NEWLINE) {
                        client.send(block);
                        sent.addAndGet(block.length);
                    }
                } catch (UncheckedIOException closedByServer) {
                    // expected: the server gave up on the line
                }
            }, THREADS);
            client.readReply().expect(421, "4.7.0");
            assertThat(client.serverClosed()).isTrue();
            writer.get(30, TimeUnit.SECONDS);
            assertThat(sent.get()).as("octets sent before the server closed").isLessThan(NO_NEWLINE);
            System.out.printf("no newline: 500 after the first 64 KiB, 421 and closed after %d KiB sent%n",
                    sent.get() / 1024);
        }
    }

    /** RFC 5321 section 4.5.3.2.7: the rest of an over-long line is read no longer than the idle timeout. */
    @Test
    void rfc5321_4_5_3_2_7_theRestOfAnOverLongLineTrickledInIsCutOffAfterTheIdleTimeout() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().idleTimeout(Duration.ofSeconds(1)).start();
                SmtpTestClient slow = SmtpTestClient.ready(server)) {
            slow.send("NOOP " + "x".repeat(600));
            slow.readReply().expect(500, "5.5.2");
            // every byte well within the idle timeout, the line as a whole never ending within it
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> paced(slow, "y".repeat(500), 20), THREADS);
            slow.readReply().expect(421, "4.7.0");
            assertThat(slow.serverClosed()).isTrue();
            trickle.handle((ok, failed) -> null).get(30, TimeUnit.SECONDS);
        }
    }

    /** RFC 5321 section 4.5.3.2.7: the idle timeout applies to each read, so a trickle is cut off too. */
    @Test
    void rfc5321_4_5_3_2_7_aClientSendingOneByteEverySecondIsTimedOutWith421() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().idleTimeout(Duration.ofMillis(400)).start();
                SmtpTestClient slow = SmtpTestClient.ready(server)) {
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> paced(slow, "NOOP\r\n", 1000), THREADS);
            SmtpChecks.assertStillServes(server);
            slow.readReply().expect(421, "4.4.2");
            assertThat(slow.serverClosed()).isTrue();
            trickle.handle((ok, failed) -> null).get(10, TimeUnit.SECONDS);
        }
    }

    /** A slow client within the idle timeout is served, and does not hold anybody else up. */
    @Test
    void rfc5321_4_5_3_2_7_aSlowClientWithinTheIdleTimeoutIsServedWhileOthersAreToo() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().idleTimeout(Duration.ofSeconds(3)).start();
                SmtpTestClient slow = SmtpTestClient.ready(server)) {
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> paced(slow, "NOOP\r\n", 200), THREADS);
            SmtpChecks.assertStillServes(server);
            slow.readReply().expect(250, "2.0.0");
            trickle.join();
        }
    }

    /** RFC 5321 section 3.8: over the limit, each extra connection gets 421 and is closed; the others carry on. */
    @Test
    void rfc5321_3_8_aBurstOfConnectionsOverTheMaximumGets421EachWhileTheAdmittedOnesWork() {
        int max = 10;
        try (FakeSmtpServer server = FakeSmtpServer.builder().maxConnections(max).start()) {
            List<SmtpTestClient> admitted = new ArrayList<>();
            try {
                for (int i = 0; i < max; i++) {
                    admitted.add(SmtpTestClient.ready(server));
                }
                List<CompletableFuture<Integer>> extra = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    extra.add(CompletableFuture.supplyAsync(() -> {
                        try (SmtpTestClient client = SmtpTestClient.connect(server)) {
                            int code = client.readReply().expect(421, "4.3.2").code();
                            assertThat(client.serverClosed()).isTrue();
                            return code;
                        }
                    }, THREADS));
                }
                assertThat(extra).allSatisfy(future -> assertThat(future.get(30, TimeUnit.SECONDS)).isEqualTo(421));
                for (SmtpTestClient client : admitted) {
                    client.command("NOOP").expect(250, "2.0.0");
                }
                admitted.get(0).sendMessage("a@example.com", "b@example.com", SmtpChecks.message("admitted", "x"))
                        .expect(250, "2.0.0");
            } finally {
                admitted.forEach(SmtpTestClient::close);
            }
            assertThat(Robustness.eventually(() -> {
                try (SmtpTestClient next = SmtpTestClient.connect(server)) {
                    return next.readReply().code() == 220;
                }
            })).as("slots free again once the admitted clients left").isTrue();
        }
    }

    /**
     * RFC 2920 section 3.1: 10,000 commands pipelined by a client that reads nothing until it has sent them
     * all; every one is answered in order, and another client is served in the meantime.
     */
    @Test
    void rfc2920_3_1_tenThousandPipelinedCommandsAreAllAnsweredInOrder() throws Exception {
        int commands = 10_000;
        try (FakeSmtpServer server = FakeSmtpServer.start();
                SmtpTestClient client = SmtpTestClient.ready(server)) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < commands; i++) {
                batch.append(i % 2 == 0 ? "EHLO client.example\r\n" : "NOOP\r\n");
            }
            byte[] bytes = batch.toString().getBytes(StandardCharsets.US_ASCII);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> client.send(bytes), THREADS);
            SmtpChecks.assertStillServes(server);
            for (int i = 0; i < commands; i++) {
                if (i % 2 == 0) {
                    assertThat(client.readReply().expect(250).lines()).contains("PIPELINING");
                } else {
                    client.readReply().expect(250, "2.0.0");
                }
            }
            writer.get(30, TimeUnit.SECONDS);
            client.command("QUIT").expect(221, "2.0.0");
        }
    }

    /**
     * RFC 1870 section 6.3 and RFC 5321 section 4.5.3.1.7: a 1 GiB DATA against a 1 MiB limit is read to its
     * end in bounded memory, answered 552 after the dot, and nothing is stored.
     */
    @Test
    void rfc1870_6_3_aOneGigabyteDataIsReadInBoundedMemoryAndRefusedWith552() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().maxMessageSize(MIB).start();
                SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            client.command("RCPT TO:<b@example.com>").expect(250, "2.1.5");
            client.command("DATA").expect(354);
            byte[] block = lines(64 * 1024);
            long baseline = Robustness.retainedHeap();
            long maxGrowth = 0;
            for (long sent = 0; sent < HUGE_DATA; sent += block.length) {
                client.send(block);
                if (sent % (256 * MIB) == 0 && sent > 0) {
                    maxGrowth = Math.max(maxGrowth, Robustness.retainedHeap() - baseline);
                }
            }
            client.send(".\r\n");
            client.readReply().expect(552, "5.3.4");
            assertThat(maxGrowth).as("heap growth while %d MiB of DATA streamed in", HUGE_DATA / MIB)
                    .isLessThan(32 * MIB);
            client.command("NOOP").expect(250, "2.0.0");
            SmtpChecks.assertNothingCapturedAndStillServes(server);
            System.out.printf("huge DATA: %d MiB refused, peak heap growth %d KiB%n", HUGE_DATA / MIB, maxGrowth / 1024);
        }
    }

    /** RFC 3030 section 2: a huge BDAT chunk over the limit is read and discarded, then 552. */
    @Test
    void rfc3030_2_aHugeBdatChunkOverTheLimitIsDiscardedWhileReadAndRefusedWith552() {
        long size = 256 * MIB;
        try (FakeSmtpServer server = FakeSmtpServer.builder().maxMessageSize(MIB).start();
                SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            client.command("RCPT TO:<b@example.com>").expect(250, "2.1.5");
            client.sendLine("BDAT " + size + " LAST");
            byte[] block = new byte[64 * 1024];
            long baseline = Robustness.retainedHeap();
            for (long sent = 0; sent < size; sent += block.length) {
                client.send(block);
            }
            long growth = Robustness.retainedHeap() - baseline;
            client.readReply().expect(552, "5.3.4");
            assertThat(growth).isLessThan(32 * MIB);
            SmtpChecks.assertNothingCapturedAndStillServes(server);
        }
    }

    private static byte[] lines(int size) {
        byte[] block = new byte[size];
        Arrays.fill(block, (byte) 'x');
        for (int i = 99; i < size; i += 100) {
            block[i - 1] = '\r';
            block[i] = '\n';
        }
        block[size - 2] = '\r';
        block[size - 1] = '\n';
        return block;
    }

    /** Writes one byte at a time with a pause between: a deliberately slow client, not a wait for a condition. */
    private static void paced(SmtpTestClient client, String text, long millisBetweenBytes) {
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            try {
                client.send(new byte[] {b});
                Thread.sleep(millisBetweenBytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (UncheckedIOException closedByServer) {
                return;
            }
        }
    }
}
