package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A small SMTP client over a raw socket, for tests that assert on each reply code. */
final class Smtp implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private Smtp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /** Connects, reads the greeting and says EHLO. */
    static Smtp connect(String host, int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(10_000);
            Smtp smtp = new Smtp(socket);
            assertThat(smtp.reply()).isEqualTo(220);
            assertThat(smtp.command("EHLO test.example")).isEqualTo(250);
            return smtp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one message; returns the reply code after the final dot. */
    int send(String from, String to, String subject, String body) {
        assertThat(command("MAIL FROM:<" + from + ">")).isEqualTo(250);
        assertThat(command("RCPT TO:<" + to + ">")).isEqualTo(250);
        assertThat(command("DATA")).isEqualTo(354);
        return command("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n.");
    }

    /** Connects, sends one message, quits; returns the reply code after the final dot. */
    static int sendOne(String host, int port, String from, String to, String subject) {
        try (Smtp smtp = connect(host, port)) {
            return smtp.send(from, to, subject, "Hello from " + from);
        }
    }

    int command(String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a whole (possibly multi-line) reply; returns its code. */
    int reply() {
        try {
            String line = in.readLine();
            assertThat(line).as("a reply line").isNotNull();
            while (line.length() > 3 && line.charAt(3) == '-') {
                line = in.readLine();
            }
            return Integer.parseInt(line.substring(0, 3));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (!socket.isClosed()) {
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException ignored) {
            // the server may have closed first
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
