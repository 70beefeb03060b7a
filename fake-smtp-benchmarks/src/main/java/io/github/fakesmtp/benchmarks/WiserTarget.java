package io.github.fakesmtp.benchmarks;

import java.net.InetAddress;
import java.util.List;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.wiser.Wiser;
import org.subethamail.wiser.WiserMessage;

/** SubEthaSMTP's Wiser on a free port. */
final class WiserTarget implements Target {

    private final Wiser wiser;

    WiserTarget() {
        wiser = Wiser.create(SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()));
        wiser.start();
    }

    @Override
    public int port() {
        return wiser.getServer().getPortAllocated();
    }

    @Override
    public List<byte[]> captured() {
        return wiser.getMessages().stream().map(WiserMessage::getData).toList();
    }

    @Override
    public void close() {
        wiser.stop();
    }
}
