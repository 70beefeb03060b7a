package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Closing the standalone server ends every thread it started, with long polls and event streams open. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShutdownTest {

    /** The threads of the API on {@code httpPort}, of the JDK's HTTP server, and of the SMTP servers on {@code smtpPorts}. */
    private static List<Thread> threads(int httpPort, List<Integer> smtpPorts) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(thread -> {
            String name = thread.getName();
            return name.startsWith("fake-smtp-http-" + httpPort + "-") || name.equals("HTTP-Dispatcher")
                    || name.equals("idle-timeout-task") || name.equals("req-rsp-timeout-task") || name.equals("server-timer")
                    || smtpPorts.stream().anyMatch(port -> name.startsWith("fake-smtp-" + port + "-"));
        }).toList();
    }

    @Test
    void closeEndsEveryThreadWhileRequestsAreHeldOpen() throws Exception {
        TestServer server = TestServer.start();
        int httpPort = server.server.http().port();
        int isolatedPort = server.api.post("/api/v1/servers", "{}").expect(201).get("smtpPort").asInt();
        List<Integer> smtpPorts = List.of(server.smtpPort(), isolatedPort);
        CompletableFuture<Api.Response> poll = CompletableFuture.supplyAsync(() -> server.api.get("/api/v1/messages?wait=PT5M"));
        java.net.Socket events = new java.net.Socket("127.0.0.1", httpPort);
        events.getOutputStream().write("GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(server.server.http().held().awaitInUse(2, Duration.ofSeconds(10))).isTrue();
        for (int i = 0; i < 20; i++) {
            server.api.get("/api/v1/servers").expect(200); // some pool threads, idle now
        }
        assertThat(threads(httpPort, smtpPorts)).isNotEmpty();

        long start = System.nanoTime();
        server.close();
        System.out.printf("shutdown: close() took %d ms with a long poll and an event stream open%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        for (Thread thread : threads(httpPort, smtpPorts)) {
            thread.join(5000); // the JDK's timer threads end just after their cancel()
        }
        assertThat(threads(httpPort, smtpPorts)).as("threads left after close()").isEmpty();
        assertThat(poll.get(10, TimeUnit.SECONDS).status()).isEqualTo(200); // answered, not dropped
        events.close();
    }
}
