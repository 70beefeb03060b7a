package io.github.fakesmtp.junit5;

import io.github.fakesmtp.FakeSmtpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** SMTP by hand, for checking replies no mail client shows: one command at a time, 5 s read timeout. */
final class RawSmtp {

    private RawSmtp() {
    }

    /**
     * Connects, sends each command and reads its reply.
     *
     * @return the greeting and then one reply per command, each reply's lines joined by {@code \n}
     */
    static List<String> converse(FakeSmtpServer server, String... commands) throws IOException {
        try (Socket socket = new Socket(server.host(), server.port())) {
            socket.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            List<String> replies = new ArrayList<>();
            replies.add(readReply(in));
            for (String command : commands) {
                out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                replies.add(readReply(in));
            }
            return replies;
        }
    }

    private static String readReply(BufferedReader in) throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the server closed the connection; read so far: " + reply);
            }
            reply.append(line).append('\n');
            if (line.length() < 4 || line.charAt(3) == ' ') {
                return reply.toString();
            }
        }
    }
}
