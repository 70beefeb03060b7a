package io.github.fakesmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A raw SMTP client for protocol tests: it writes exactly the bytes a test gives it and reads replies as
 * the server sent them, multi-line replies (RFC 5321 section 4.2.1) included. Every read times out after
 * five seconds, so a server that never answers fails the test instead of hanging it.
 */
final class SmtpTestClient implements AutoCloseable {

    static final int READ_TIMEOUT_MILLIS = 5000;

    private final String host;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private SmtpTestClient(String host, Socket socket) throws IOException {
        this.host = host;
        use(socket);
    }

    /** Connects without reading the greeting. */
    static SmtpTestClient connect(FakeSmtpServer server) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(server.host(), server.port()), READ_TIMEOUT_MILLIS);
            return new SmtpTestClient(server.host(), socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects, reads the 220 greeting and says EHLO; for tests that start at the mail transaction. */
    static SmtpTestClient ready(FakeSmtpServer server) {
        SmtpTestClient client = connect(server);
        client.readReply().expect(220);
        client.ehlo().expect(250);
        return client;
    }

    /** Connects, says EHLO and opens a mail transaction from {@code from} to {@code to} (RFC 5321 section 3.3). */
    static SmtpTestClient inTransaction(FakeSmtpServer server, String from, String to) {
        SmtpTestClient client = ready(server);
        client.command("MAIL FROM:<" + from + ">").expect(250, "2.1.0");
        client.command("RCPT TO:<" + to + ">").expect(250, "2.1.5");
        return client;
    }

    /** Connects with TLS from the first byte (TlsMode.SMTPS, RFC 8314), without reading the greeting. */
    static SmtpTestClient connectTls(FakeSmtpServer server) {
        SmtpTestClient client = connect(server);
        client.handshake();
        return client;
    }

    Reply ehlo() {
        return command("EHLO client.example");
    }

    /** Sends one command line (CRLF appended) and reads its reply. */
    Reply command(String line) {
        sendLine(line);
        return readReply();
    }

    /** Sends a line and appends CRLF. */
    void sendLine(String line) {
        send(line + "\r\n");
    }

    /** Sends text as UTF-8, line endings exactly as given. */
    void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends bytes exactly as given. */
    void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends MAIL, RCPT, DATA, the content (which must end with CRLF) and the dot; returns the final reply. */
    Reply sendMessage(String from, String to, String content) {
        command("MAIL FROM:<" + from + ">").expect(250, "2.1.0");
        command("RCPT TO:<" + to + ">").expect(250, "2.1.5");
        command("DATA").expect(354);
        send(content + ".\r\n");
        return readReply();
    }

    /** Reads one reply, all of its lines. */
    Reply readReply() {
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new AssertionError("the server closed the connection; reply so far: " + lines);
            }
            assertThat(line).as("reply line").matches("[2-5][0-9]{2}([ -].*)?");
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (code >= 0) {
                assertThat(lineCode).as("code of every line of a multi-line reply").isEqualTo(code);
            }
            code = lineCode;
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Reply(code, lines);
            }
        }
    }

    /** True when the server has closed the connection: the next read returns -1 (within the read timeout). */
    boolean serverClosed() {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true; // a reset is a close as well
        }
    }

    /** True when the server closes the connection after sending whatever it still sends (e.g. a TLS alert). */
    boolean serverClosesAfterAnyOutput() {
        try {
            while (in.read() != -1) {
                // skip it
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** STARTTLS (RFC 3207): expects 220, then does the TLS handshake with the bundled trust. */
    Reply startTls() {
        Reply reply = command("STARTTLS");
        if (reply.code() == 220) {
            handshake();
        }
        return reply;
    }

    /** The TLS handshake alone, for a test that sent STARTTLS itself and read the 220. */
    void startTlsHandshakeOnly() {
        handshake();
    }

    private void handshake() {
        try {
            SSLSocket tls = (SSLSocket) FakeSmtpTls.clientSslContext().getSocketFactory()
                    .createSocket(socket, host, socket.getPort(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            tls.setSSLParameters(parameters);
            tls.setUseClientMode(true);
            tls.startHandshake();
            use(tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isTls() {
        return socket instanceof SSLSocket;
    }

    private void use(Socket s) throws IOException {
        this.socket = s;
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        this.in = new BufferedInputStream(s.getInputStream());
        this.out = s.getOutputStream();
    }

    private String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    assertThat(bytes.length > 0 && bytes[bytes.length - 1] == '\r')
                            .as("reply line ends with CRLF: %s", line).isTrue();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a reply failed after '" + line + "'", e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** One SMTP reply: its code and the text of each line (without the code and separator). */
    record Reply(int code, List<String> lines) {

        /** An enhanced status code (RFC 3463), as RFC 2034 section 3 requires it at the start of the text. */
        static final String ENHANCED = "[245]\\.\\d{1,3}\\.\\d{1,3}";

        String text() {
            return String.join("\n", lines);
        }

        /** Asserts the code only (for replies RFC 2034 section 3 exempts, such as the greeting and EHLO). */
        Reply expect(int expectedCode) {
            assertThat(code).as("reply code of %s", this).isEqualTo(expectedCode);
            return this;
        }

        /** Asserts the code and the enhanced status code that starts every line (RFC 2034 section 3). */
        Reply expect(int expectedCode, String enhanced) {
            expect(expectedCode);
            for (String line : lines) {
                assertThat(line).as("enhanced status code of %s", this)
                        .matches(ENHANCED + "( .*)?")
                        .startsWith(enhanced + " ");
            }
            assertThat(enhanced.charAt(0) - '0').as("class of the enhanced code of %s", this)
                    .isEqualTo(expectedCode / 100);
            return this;
        }

        boolean hasEnhancedCode() {
            return lines.stream().allMatch(line -> line.matches(ENHANCED + "( .*)?"));
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                text.append(code).append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i));
                if (i < lines.size() - 1) {
                    text.append(" / ");
                }
            }
            return "'" + text + "'";
        }
    }
}
