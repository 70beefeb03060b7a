package io.github.fakesmtp.benchmarks;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** GreenMail with SMTP only, on a dynamic port. */
final class GreenMailTarget implements Target {

    private final GreenMail greenMail;

    GreenMailTarget() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
    }

    @Override
    public int port() {
        return greenMail.getSmtp().getPort();
    }

    @Override
    public List<byte[]> captured() throws Exception {
        List<byte[]> all = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            all.add(out.toByteArray());
        }
        return all;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
