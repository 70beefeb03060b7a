package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET .../messages?wait=}: held until the mail lands, not polled; answered with what there is when the
 * wait ends; ended by a client that hangs up and by a server that is deleted. Waits are far longer than the
 * test's deadlines, so only the condition under test can end them in time; the figures are printed, not
 * asserted.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LongPollTest {

    private static final Duration WAIT_TO_START = Duration.ofSeconds(10);

    private TestServer server;
    private ExecutorService pool;

    @BeforeEach
    void start() {
        server = TestServer.start();
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() {
        server.close();
        pool.shutdownNow();
    }

    private CompletableFuture<Api.Response> getAsync(String path) {
        return CompletableFuture.supplyAsync(() -> server.api.get(path), pool);
    }

    private void awaitHeld(int count) throws InterruptedException {
        assertThat(server.server.http().held().awaitInUse(count, WAIT_TO_START))
                .as("%d request(s) held by the server", count).isTrue();
    }

    @Test
    void returnsAsSoonAsTheMailLands() throws Exception {
        server.send("a@example.com", "someone@example.com", "not for bob"); // already there, does not match
        CompletableFuture<Api.Response> waiting = getAsync("/api/v1/messages?to=bob@example.com&wait=PT60S");
        awaitHeld(1);
        assertThat(waiting).isNotDone();

        server.send("a@example.com", "someone@example.com", "still not for bob");
        long sent = System.nanoTime();
        server.send("a@example.com", "bob@example.com", "for bob");
        Api.Response response = waiting.get(30, TimeUnit.SECONDS); // the wait was 60 s: only the arrival ends it this soon
        long latencyMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent);

        JsonNode json = response.expect(200);
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.get("messages")).hasSize(1);
        assertThat(json.get("messages").get(0).get("subject").asText()).isEqualTo("for bob");
        awaitHeld(0);
        System.out.printf("long poll: answered %d µs after the SMTP client sent its message (including the 250)%n", latencyMicros);
    }

    @Test
    void waitsForCountMatchingMessages() throws Exception {
        CompletableFuture<Api.Response> waiting = getAsync("/api/v1/messages?subject=order&wait=60&count=3");
        awaitHeld(1);
        server.send("a@example.com", "b@example.com", "order 1");
        server.send("a@example.com", "b@example.com", "newsletter");
        server.send("a@example.com", "b@example.com", "order 2");
        assertThat(waiting).isNotDone();
        server.send("a@example.com", "b@example.com", "order 3");
        JsonNode json = waiting.get(30, TimeUnit.SECONDS).expect(200);
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.get("messages")).extracting(message -> message.get("subject").asText())
                .containsExactly("order 1", "order 2", "order 3");
    }

    @Test
    void answersWhatThereIsWhenTheWaitEnds() throws Exception {
        server.send("a@example.com", "b@example.com", "only one");
        long start = System.nanoTime();
        Api.Response response = server.api.get("/api/v1/messages?wait=PT2.5S&count=2");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.text()).as("heartbeat spaces before the JSON").startsWith(" ");
        JsonNode json = response.expect(200);
        assertThat(json.get("complete").asBoolean()).isFalse();
        assertThat(json.get("messages")).hasSize(1);
        assertThat(millis).as("answered no earlier than the wait").isGreaterThanOrEqualTo(2500);
        System.out.printf("long poll: a 2.5 s wait answered after %d ms%n", millis);

        JsonNode immediate = server.api.get("/api/v1/messages?wait=PT5M").expect(200); // already satisfied
        assertThat(immediate.get("complete").asBoolean()).isTrue();
        assertThat(server.api.get("/api/v1/messages?wait=0&count=5").expect(200).get("complete").asBoolean()).isFalse();
    }

    @Test
    void aClientThatHangsUpEndsTheWait() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server.http().port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/v1/messages?wait=PT5M HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitHeld(1);
        }
        long closed = System.nanoTime();
        // A five-minute wait; only noticing the closed connection frees it within 20 s.
        assertThat(server.server.http().held().awaitInUse(0, Duration.ofSeconds(20))).as("the wait ended").isTrue();
        System.out.printf("long poll: the wait ended %d ms after its client closed the connection%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed));
        server.send("a@example.com", "b@example.com", "after the hang-up");
        assertThat(server.api.get("/api/v1/messages").expect(200).get("messages")).hasSize(1);
    }

    @Test
    void deletingTheServerEndsItsWaits() throws Exception {
        JsonNode created = server.api.post("/api/v1/servers", "{}").expect(201);
        String id = created.get("id").asText();
        CompletableFuture<Api.Response> waiting = getAsync("/api/v1/servers/" + id + "/messages?wait=PT5M");
        awaitHeld(1);
        assertThat(server.api.delete("/api/v1/servers/" + id).status()).isEqualTo(204);
        JsonNode json = waiting.get(10, TimeUnit.SECONDS).expect(200);
        assertThat(json.get("complete").asBoolean()).isFalse();
        awaitHeld(0);
    }

    @Test
    void aReadingClientKeepsItsWaitThroughHeartbeats() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server.http().port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/v1/messages?wait=PT60S HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readUntil(in, "\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-encoding: chunked");
            readUntil(in, " "); // a heartbeat: the wait goes on while the client reads
            assertThat(server.server.http().held().inUse()).isEqualTo(1);
            server.send("a@example.com", "b@example.com", "at last");
            assertThat(readUntil(in, "\"complete\":true")).contains("at last");
        }
    }

    private static String readUntil(InputStream in, String marker) throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        while (text.indexOf(marker) < 0) {
            int b = in.read();
            assertThat(b).as("more of the response, after: %s", text).isNotNegative();
            text.append((char) b);
        }
        return text.toString();
    }
}
