package io.github.fakesmtp.standalone;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/** A standalone server in this JVM on free ports, with an API client; closed after each test. */
final class TestServer implements AutoCloseable {

    final StandaloneServer server;
    final Api api;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private TestServer(Map<ServerOption, Object> options) {
        Map<ServerOption, Object> smtp = new EnumMap<>(ServerOption.class);
        smtp.put(ServerOption.PORT, 0);
        smtp.putAll(options);
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        this.server = StandaloneServer.start(new StandaloneSettings(smtp, "127.0.0.1", 0, null, false), print, print);
        this.api = new Api(server.apiBase());
    }

    static TestServer start() {
        return new TestServer(Map.of());
    }

    static TestServer start(Map<ServerOption, Object> options) {
        return new TestServer(options);
    }

    int smtpPort() {
        return server.smtp().port();
    }

    /** Sends a plain message to the default server and asserts it was accepted. */
    void send(String from, String to, String subject) {
        int code = Smtp.sendOne("127.0.0.1", smtpPort(), from, to, subject);
        if (code != 250) {
            throw new AssertionError("expected 250 after DATA, got " + code);
        }
    }

    /** What the server printed: the line per message, and any failure. */
    String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
