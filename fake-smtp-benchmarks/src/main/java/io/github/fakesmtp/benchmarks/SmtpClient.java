package io.github.fakesmtp.benchmarks;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal raw-socket SMTP client that costs as little as possible, so the server is what is measured:
 * commands are prebuilt byte arrays, each one written with a single write, replies scanned in a reused buffer.
 */
final class SmtpClient implements Closeable {

    private static final byte[] EHLO = ascii("EHLO bench.example\r\n");
    private static final byte[] MAIL = ascii("MAIL FROM:<" + Messages.SENDER + ">\r\n");
    private static final byte[] RCPT = ascii("RCPT TO:<" + Messages.RECIPIENT + ">\r\n");
    private static final byte[] DATA = ascii("DATA\r\n");
    private static final byte[] ENVELOPE = ascii("MAIL FROM:<" + Messages.SENDER + ">\r\nRCPT TO:<"
            + Messages.RECIPIENT + ">\r\nDATA\r\n");
    private static final byte[] QUIT = ascii("QUIT\r\n");

    private final Socket socket;
    private boolean pipelining;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;

    private SmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects, reads the 220 greeting and says EHLO. */
    static SmtpClient open(int port) throws IOException {
        SmtpClient client = connect(port);
        client.expect(220);
        client.write(EHLO);
        client.expect(250);
        return client;
    }

    /** Whether the EHLO reply advertised PIPELINING (RFC 2920 section 3.1): only then may a client pipeline. */
    boolean pipelining() {
        return pipelining;
    }

    /** Connects only; the greeting is left unread. */
    static SmtpClient connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        return new SmtpClient(socket);
    }

    /**
     * Sends one message. Without pipelining each command waits for its reply; with it, MAIL, RCPT and DATA
     * leave in one write (RFC 2920 section 3.1) and the three replies are read after.
     */
    void send(byte[] dataPayload, boolean pipelined) throws IOException {
        if (pipelined) {
            write(ENVELOPE);
            expect(250);
            expect(250);
            expect(354);
        } else {
            write(MAIL);
            expect(250);
            write(RCPT);
            expect(250);
            write(DATA);
            expect(354);
        }
        write(dataPayload);
        expect(250);
    }

    void quit() throws IOException {
        write(QUIT);
        expect(221);
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    /** Reads one whole reply (all its lines) and checks its code. */
    void expect(int code) throws IOException {
        int got = readReply();
        if (got != code) {
            throw new IOException("expected reply " + code + " but got " + got);
        }
    }

    private int readReply() throws IOException {
        while (true) {
            int lineStart = pos;
            int end = -1;
            while (end < 0) {
                for (int i = pos; i < limit; i++) {
                    if (buf[i] == '\n') {
                        end = i;
                        break;
                    }
                }
                if (end < 0) {
                    if (lineStart > 0) {
                        System.arraycopy(buf, lineStart, buf, 0, limit - lineStart);
                        limit -= lineStart;
                        pos -= lineStart;
                        lineStart = 0;
                    }
                    pos = limit;
                    int n = in.read(buf, limit, buf.length - limit);
                    if (n < 0) {
                        throw new IOException("connection closed while waiting for a reply");
                    }
                    limit += n;
                }
            }
            pos = end + 1;
            if (end - lineStart >= 14 && new String(buf, lineStart + 4, 10, StandardCharsets.US_ASCII)
                    .equalsIgnoreCase("PIPELINING")) {
                pipelining = true;
            }
            if (end - lineStart < 3) {
                throw new IOException("malformed reply line");
            }
            int code = (buf[lineStart] - '0') * 100 + (buf[lineStart + 1] - '0') * 10 + (buf[lineStart + 2] - '0');
            if (end - lineStart == 3 || buf[lineStart + 3] != '-') {
                if (pos == limit) {
                    pos = 0;
                    limit = 0;
                }
                return code;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
