package io.github.fakesmtp.benchmarks;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.ReceivedMessage;
import java.util.List;

/** fake-smtp with its defaults. */
final class FakeSmtpTarget implements Target {

    private final FakeSmtpServer server = FakeSmtpServer.builder().start();

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public List<byte[]> captured() {
        return server.messages().stream().map(ReceivedMessage::rawBytes).toList();
    }

    @Override
    public void close() {
        server.close();
    }
}
