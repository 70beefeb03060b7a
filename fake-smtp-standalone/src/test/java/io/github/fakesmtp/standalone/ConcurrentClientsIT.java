package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * 50 API clients read while SMTP clients send 1,000 messages to the jar: each client follows the messages with
 * long polls ({@code after=<last id>&wait=}) and must see all 1,000, each once, in order; nothing is lost. The
 * figures are printed, not asserted.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConcurrentClientsIT {

    private static final int API_CLIENTS = 50;
    private static final int SENDERS = 10;
    private static final int MESSAGES_PER_SENDER = 100;
    private static final int MESSAGES = SENDERS * MESSAGES_PER_SENDER;

    @Test
    void fiftyApiClientsSeeEveryOneOfAThousandMessagesOnceInOrder() throws Exception {
        try (JarProcess jar = JarProcess.start("--quiet")) {
            ExecutorService pool = Executors.newFixedThreadPool(API_CLIENTS + SENDERS);
            AtomicInteger requests = new AtomicInteger();
            try {
                List<Future<List<Integer>>> readers = new ArrayList<>();
                for (int c = 0; c < API_CLIENTS; c++) {
                    readers.add(pool.submit(() -> follow(new Api(jar.apiBase()), requests)));
                }
                awaitHeldRequests(jar.api(), API_CLIENTS); // every reader is waiting before the first message is sent
                long start = System.nanoTime();
                List<Future<Integer>> senders = new ArrayList<>();
                for (int s = 0; s < SENDERS; s++) {
                    int sender = s;
                    senders.add(pool.submit(() -> send(jar.smtpPort(), sender)));
                }
                int accepted = 0;
                for (Future<Integer> sender : senders) {
                    accepted += sender.get(120, TimeUnit.SECONDS);
                }
                long sentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                for (Future<List<Integer>> reader : readers) {
                    List<Integer> seen = reader.get(120, TimeUnit.SECONDS);
                    assertThat(seen).hasSize(MESSAGES).doesNotHaveDuplicates().isSorted();
                }
                long readMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

                assertThat(accepted).isEqualTo(MESSAGES);
                JsonNode all = jar.api().get("/api/v1/messages").expect(200).get("messages");
                assertThat(all).hasSize(MESSAGES);
                List<String> subjects = new ArrayList<>();
                all.forEach(message -> subjects.add(message.get("subject").asText()));
                assertThat(subjects).doesNotHaveDuplicates();
                for (int s = 0; s < SENDERS; s++) {
                    assertThat(jar.api().get("/api/v1/messages?to=rcpt" + s + "@example.com").expect(200).get("messages"))
                            .hasSize(MESSAGES_PER_SENDER);
                }
                System.out.printf("concurrency: %d SMTP clients sent %d messages in %d ms; %d API clients each saw all %d, "
                        + "in order, after %d ms, with %d long-poll requests in all%n", SENDERS, MESSAGES, sentMillis,
                        API_CLIENTS, MESSAGES, readMillis, requests.get());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * The jar is another process, so the test asks its health check how many requests it holds, until all the
     * readers' first long polls have arrived (within a deadline).
     */
    private static void awaitHeldRequests(Api api, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int held = 0;
        while (held < count && System.nanoTime() < deadline) {
            held = api.get("/healthz").expect(200).get("heldRequests").asInt();
        }
        assertThat(held).as("long polls held by the server").isEqualTo(count);
    }

    /** Sends this sender's messages over one connection; returns how many got 250. */
    private static int send(int port, int sender) {
        int accepted = 0;
        try (Smtp smtp = Smtp.connect("127.0.0.1", port)) {
            for (int m = 0; m < MESSAGES_PER_SENDER; m++) {
                if (smtp.send("sender" + sender + "@example.com", "rcpt" + sender + "@example.com",
                        "s" + sender + "-m" + m, "message " + m) == 250) {
                    accepted++;
                }
            }
        }
        return accepted;
    }

    /** Follows the messages with long polls until all have been seen; returns their sequence numbers in the order seen. */
    private static List<Integer> follow(Api api, AtomicInteger requests) {
        List<Integer> seen = new ArrayList<>();
        String after = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (seen.size() < MESSAGES && System.nanoTime() < deadline) {
            requests.incrementAndGet();
            JsonNode answer = api.get("/api/v1/messages?wait=PT30S" + (after.isEmpty() ? "" : "&after=" + after)).expect(200);
            for (JsonNode message : answer.get("messages")) {
                seen.add(message.get("sequence").asInt());
                after = message.get("id").asText();
            }
        }
        return seen;
    }
}
