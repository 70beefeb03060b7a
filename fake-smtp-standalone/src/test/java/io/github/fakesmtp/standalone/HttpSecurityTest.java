package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What keeps a web page in the developer's browser from clearing or scripting the server (see RequestGuard). */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpSecurityTest {

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
        server.send("a@example.com", "b@example.com", "keep me");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends raw HTTP/1.1, with the headers a browser (or an attacker's page) would send; returns the response head and body. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server.http().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String host() {
        return "127.0.0.1:" + server.server.http().port();
    }

    private void assertNothingChanged() {
        assertThat(server.api.get("/api/v1/messages").expect(200).get("messages")).hasSize(1);
        assertThat(server.api.get("/api/v1/faults").expect(200).get("faults")).isEmpty();
        assertThat(server.api.get("/api/v1/servers").expect(200).get("servers")).hasSize(1);
    }

    @Test
    void bothListenersBindTheLoopbackAddressByDefault() {
        assertThat(server.server.http().address().isLoopbackAddress()).isTrue();
        assertThat(server.server.smtp().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void aFormOrTextPostFromAPageIsRefused() throws Exception {
        String form = "POST /api/v1/servers HTTP/1.1\r\nHost: " + host() + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
        assertThat(raw(form)).startsWith("HTTP/1.1 415");
        String rule = "{\"phase\":\"RCPT\",\"disconnect\":true}";
        String text = "POST /api/v1/faults HTTP/1.1\r\nHost: " + host() + "\r\nContent-Type: text/plain\r\n"
                + "Content-Length: " + rule.length() + "\r\nConnection: close\r\n\r\n" + rule;
        assertThat(raw(text)).startsWith("HTTP/1.1 415").contains("application/json");
        assertNothingChanged();
    }

    @Test
    void aStateChangingRequestFromAnotherOriginIsRefused() throws Exception {
        String delete = "DELETE /api/v1/messages HTTP/1.1\r\nHost: " + host() + "\r\nOrigin: https://evil.example\r\n"
                + "Connection: close\r\n\r\n";
        assertThat(raw(delete)).startsWith("HTTP/1.1 403").contains("cross-origin");
        String post = "POST /api/v1/servers HTTP/1.1\r\nHost: " + host() + "\r\nOrigin: http://localhost:3000\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
        assertThat(raw(post)).startsWith("HTTP/1.1 403");
        assertNothingChanged();
        String rule = "{\"phase\":\"RCPT\",\"disconnect\":true}";
        String sameOrigin = "POST /api/v1/faults HTTP/1.1\r\nHost: " + host() + "\r\nOrigin: http://" + host() + "\r\n"
                + "Content-Type: application/json; charset=utf-8\r\nContent-Length: " + rule.length()
                + "\r\nConnection: close\r\n\r\n" + rule;
        assertThat(raw(sameOrigin)).startsWith("HTTP/1.1 201");
    }

    @Test
    void aRebindingHostIsRefusedEvenForReads_dnsRebinding() throws Exception {
        assertThat(raw("GET /api/v1/messages HTTP/1.1\r\nHost: evil.example:" + server.server.http().port()
                + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 403");
        for (String host : List.of("localhost:1", "127.0.0.2", "[::1]:8025", "app.localhost")) {
            assertThat(raw("GET /api/v1/messages HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"))
                    .as(host).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void deleteNeedsNoContentType() {
        assertThat(server.api.delete("/api/v1/messages").status()).isEqualTo(204); // curl -X DELETE
    }

    @Test
    void bodiesOverOneMebibyteAreRefusedWith413() throws Exception {
        String big = "{\"users\":[\"" + "x".repeat(Call.MAX_BODY_BYTES) + ":pw\"]}";
        server.api.post("/api/v1/servers", big).problem(413);
        // chunked, without a length up front
        String chunk = "x".repeat(64 * 1024);
        StringBuilder chunked = new StringBuilder("POST /api/v1/servers HTTP/1.1\r\nHost: " + host()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        chunked.append("2\r\n{\"\r\n");
        for (int i = 0; i < 20; i++) {
            chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        assertThat(raw(chunked.toString())).startsWith("HTTP/1.1 413");
        assertNothingChanged();
    }

    @Test
    void noResponseCarriesCorsHeadersNotEvenAPreflight() throws Exception {
        String preflight = raw("OPTIONS /api/v1/messages HTTP/1.1\r\nHost: " + host() + "\r\nOrigin: https://evil.example\r\n"
                + "Access-Control-Request-Method: DELETE\r\nConnection: close\r\n\r\n");
        assertThat(preflight).startsWith("HTTP/1.1 405").doesNotContainIgnoringCase("Access-Control-");
        for (Api.Response response : List.of(server.api.get("/api/v1/messages"), server.api.get("/api/v1/openapi.json"),
                server.api.get("/healthz"), server.api.get("/nothing"), server.api.post("/api/v1/faults", "{}"))) {
            assertThat(response.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        server.api.send(HttpRequest.newBuilder(server.api.uri("/healthz")).method("HEAD", HttpRequest.BodyPublishers.noBody()))
                .expect(200);
    }
}
