package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET .../events}: Server-Sent Events, read with Java's HttpClient line by line. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventStreamTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<CompletableFuture<?>> streams = new ArrayList<>();
    private TestServer server;

    @AfterEach
    void stop() {
        streams.forEach(stream -> stream.cancel(true));
        server.close();
    }

    /** One event or comment block, as the lines between blank lines. */
    private BlockingQueue<String> open(String path, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.api.uri(path));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = client.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        BlockingQueue<String> blocks = new LinkedBlockingQueue<>();
        streams.add(CompletableFuture.runAsync(() -> {
            StringBuilder block = new StringBuilder();
            response.body().forEach(line -> {
                if (line.isEmpty()) {
                    blocks.add(block.toString());
                    block.setLength(0);
                } else {
                    block.append(line).append('\n');
                }
            });
            blocks.add("<end of stream>");
        }));
        assertThat(next(blocks)).as("the greeting").startsWith("retry: 2000\n: fake-smtp events of server ");
        return blocks;
    }

    /** The next event, skipping keep-alive comments. */
    private static String next(BlockingQueue<String> blocks) throws InterruptedException {
        while (true) {
            String block = blocks.poll(20, TimeUnit.SECONDS);
            assertThat(block).as("an event within 20 s").isNotNull();
            if (!block.startsWith(": keep-alive")) {
                return block;
            }
        }
    }

    private static JsonNode data(String event) throws Exception {
        String data = event.lines().filter(line -> line.startsWith("data: ")).findFirst().orElseThrow().substring(6);
        return Api.JSON.readTree(data);
    }

    @Test
    void sendsAMessageEventPerCapturedMessage() throws Exception {
        server = TestServer.start();
        server.send("a@example.com", "b@example.com", "before the stream"); // not replayed without Last-Event-ID
        BlockingQueue<String> events = open("/api/v1/events", null);
        server.send("a@example.com", "b@example.com", "first");
        server.send("a@example.com", "b@example.com", "second");
        String first = next(events);
        String second = next(events);
        assertThat(first).contains("\nevent: message\n");
        assertThat(data(first).get("subject").asText()).isEqualTo("first");
        assertThat(data(second).get("subject").asText()).isEqualTo("second");
        assertThat(first).startsWith("id: " + data(first).get("id").asText() + "\n");
        assertThat(data(first).get("sequence").asInt()).isEqualTo(2);
    }

    @Test
    void resumesAfterTheLastEventIdOrAfterParameter() throws Exception {
        server = TestServer.start();
        server.send("a@example.com", "b@example.com", "one");
        server.send("a@example.com", "b@example.com", "two");
        server.send("a@example.com", "b@example.com", "three");
        String one = server.api.get("/api/v1/messages").expect(200).get("messages").get(0).get("id").asText();
        BlockingQueue<String> resumed = open("/api/v1/events", one);
        assertThat(data(next(resumed)).get("subject").asText()).isEqualTo("two");
        assertThat(data(next(resumed)).get("subject").asText()).isEqualTo("three");
        BlockingQueue<String> after = open("/api/v1/events?after=" + one, null);
        assertThat(data(next(after)).get("subject").asText()).isEqualTo("two");
        BlockingQueue<String> fromAnotherRun = open("/api/v1/events", "oldrun-7"); // the server restarted: all of them
        assertThat(data(next(fromAnotherRun)).get("subject").asText()).isEqualTo("one");
        server.api.get("/api/v1/events?after=oldrun-7").problem(400);
    }

    @Test
    void aDeletedServerEndsItsStreamWithAClosedEvent() throws Exception {
        server = TestServer.start();
        String id = server.api.post("/api/v1/servers", "{}").expect(201).get("id").asText();
        BlockingQueue<String> events = open("/api/v1/servers/" + id + "/events", null);
        assertThat(server.api.delete("/api/v1/servers/" + id).status()).isEqualTo(204);
        assertThat(next(events)).isEqualTo("event: closed\ndata: {\"server\":\"" + id + "\"}\n");
        assertThat(next(events)).isEqualTo("<end of stream>");
        assertThat(server.server.http().held().awaitInUse(0, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aClientThatHangsUpEndsTheStream() throws Exception {
        server = TestServer.start();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.server.http().port())) {
            socket.getOutputStream().write("GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(server.server.http().held().awaitInUse(1, Duration.ofSeconds(10))).isTrue();
        }
        assertThat(server.server.http().held().awaitInUse(0, Duration.ofSeconds(20))).as("the stream ended").isTrue();
    }
}
