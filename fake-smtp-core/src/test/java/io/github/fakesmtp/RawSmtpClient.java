package io.github.fakesmtp;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A byte-level SMTP client for protocol edge cases that real mail clients hide. Every read has a timeout. */
final class RawSmtpClient implements Closeable {

    /** One reply: its code and the text of each line after the code and separator. */
    record Reply(int code, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            return code + " " + text();
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawSmtpClient(FakeSmtpServer server) throws IOException {
        socket = new Socket(server.host(), server.port());
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends text as is; add CRLFs yourself. */
    RawSmtpClient send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Sends one command line and reads its reply. */
    Reply command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    /** Reads one possibly multi-line reply. */
    Reply reply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("connection closed before a complete reply; got " + lines);
            }
            lines.add(line.substring(Math.min(4, line.length())));
            if (line.length() < 4 || line.charAt(3) != '-') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    /** True when the server has closed the connection (reads end of stream within the timeout). */
    boolean isClosedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
