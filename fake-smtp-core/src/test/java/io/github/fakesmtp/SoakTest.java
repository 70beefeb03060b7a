package io.github.fakesmtp;

import static io.github.fakesmtp.Robustness.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Load on loopback, bounded and self-stopping: many concurrent clients sending many messages while others
 * stall, drop the connection in the middle of DATA (RFC 5321 section 4.1.1.4: no complete data, no
 * message) or send garbage. Every message that got its 250 is captured exactly once with its exact bytes,
 * nothing else is captured, and the memory comes back after {@code clear()}.
 *
 * <p>The default run is 200 connections x 5 messages; {@code -Probustness} runs 200 x 50.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SoakTest {

    private static final int CONNECTIONS = (int) Robustness.size("soak.connections", 200);
    private static final int MESSAGES = (int) Robustness.size("soak.messages", 5);
    private static final int BODY_BYTES = (int) Robustness.size("soak.bodyBytes", 20 * 1024);
    private static final int SABOTEURS = 60;

    @Test
    void everyAcceptedMessageIsCapturedOnceWithItsBytesAndNothingElse() throws Exception {
        Map<String, String> accepted = new ConcurrentHashMap<>(); // subject -> SHA-256 of the expected bytes
        AtomicInteger refusedOrLost = new AtomicInteger();
        long baseline;
        try (FakeSmtpServer server = FakeSmtpServer.builder()
                .maxConnections(CONNECTIONS + SABOTEURS + 50).idleTimeout(Duration.ofSeconds(120)).start()) {
            baseline = Robustness.retainedHeap();
            List<Socket> stalled = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS + SABOTEURS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < CONNECTIONS; c++) {
                    int id = c;
                    done.add(pool.submit(() -> sendAll(server, id, accepted)));
                }
                for (int s = 0; s < SABOTEURS; s++) {
                    int id = s;
                    done.add(pool.submit(() -> sabotage(server, id, stalled, refusedOrLost)));
                }
                for (Future<?> future : done) {
                    future.get(240, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            int expected = CONNECTIONS * MESSAGES;
            assertThat(accepted).as("messages that got 250").hasSize(expected);
            assertCapturedExactly(server, accepted, expected);
            stalled.forEach(SoakTest::closeQuietly);

            long loaded = Robustness.retainedHeap();
            long payload = (long) expected * BODY_BYTES;
            assertThat(loaded - baseline).as("the captured messages are held (sanity of the measurement)")
                    .isGreaterThan(payload / 2);
            server.clear();
            long cleared = Robustness.retainedHeap();
            assertThat(cleared - baseline).as("heap after clear(), over the baseline, with %d MiB captured before",
                    payload / MIB).isLessThan(Math.max(8 * MIB, payload / 4));
            System.out.printf("soak: %d connections x %d messages (%d MiB) captured exactly, %d sabotaged "
                    + "connections, 0 lost; heap over baseline: %d MiB loaded, %d MiB after clear()%n",
                    CONNECTIONS, MESSAGES, payload / MIB, SABOTEURS, (loaded - baseline) / MIB,
                    (cleared - baseline) / MIB);
        }
    }

    /** In its own frame, so that no reference to the captured messages outlives the check. */
    private static void assertCapturedExactly(FakeSmtpServer server, Map<String, String> accepted, int expected) {
        List<ReceivedMessage> messages = server.messages();
        assertThat(messages).as("captured messages: every accepted one, nothing else").hasSize(expected);
        Map<String, String> captured = new HashMap<>();
        for (ReceivedMessage message : messages) {
            assertThat(captured.put(message.subject(), sha256(message.rawBytes())))
                    .as("captured once: %s", message.subject()).isNull();
        }
        assertThat(captured).as("exact bytes of every accepted message").isEqualTo(accepted);
    }

    private static void sendAll(FakeSmtpServer server, int id, Map<String, String> accepted) {
        SplittableRandom random = new SplittableRandom(id);
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            for (int m = 0; m < MESSAGES; m++) {
                String subject = "c" + id + "-m" + m;
                byte[] content = content(subject, random);
                client.command("MAIL FROM:<c" + id + "@example.com>").expect(250, "2.1.0");
                client.command("RCPT TO:<bob@example.com>").expect(250, "2.1.5");
                client.command("DATA").expect(354);
                client.send(dotStuffed(content));
                client.send(".\r\n");
                client.readReply().expect(250, "2.0.0");
                accepted.put(subject, sha256(content));
            }
            client.command("QUIT").expect(221, "2.0.0");
        }
    }

    /** Headers and a body of 8-bit text lines, some starting with dots, some empty. */
    private static byte[] content(String subject, SplittableRandom random) {
        StringBuilder text = new StringBuilder("From: a@example.com\r\nTo: bob@example.com\r\nSubject: ")
                .append(subject).append("\r\n\r\n");
        while (text.length() < BODY_BYTES) {
            int kind = random.nextInt(6);
            text.append(kind == 0 ? "." : kind == 1 ? ".." : kind == 2 ? "" : "é");
            for (int i = random.nextInt(90); i > 0; i--) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            text.append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 5321 section 4.5.2: a line that starts with a dot gets one more. */
    private static byte[] dotStuffed(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        return (text.startsWith(".") ? "." : "").concat(text.replace("\r\n.", "\r\n.."))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Connections that stall, vanish mid-DATA or send garbage; none of them may ever yield a message. */
    private static void sabotage(FakeSmtpServer server, int id, List<Socket> stalled, AtomicInteger count) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(server.host(), server.port()), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            String transaction = "EHLO bad\r\nMAIL FROM:<lost@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n";
            switch (id % 4) {
                case 0 -> { // stalls after the greeting until the end of the test
                    synchronized (stalled) {
                        stalled.add(socket);
                    }
                    return;
                }
                case 1 -> out.write((transaction + "Subject: lost " + id + "\r\n\r\nhalf a mess")
                        .getBytes(StandardCharsets.US_ASCII));
                case 2 -> out.write((transaction + "Subject: lost " + id + "\r\n\r\nall but the end\r\n.")
                        .getBytes(StandardCharsets.US_ASCII));
                default -> {
                    byte[] garbage = new byte[4096];
                    new SplittableRandom(id).nextBytes(garbage);
                    out.write(garbage);
                }
            }
            out.flush();
            count.incrementAndGet();
            socket.close(); // mid-transaction: nothing of this connection may be captured
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
