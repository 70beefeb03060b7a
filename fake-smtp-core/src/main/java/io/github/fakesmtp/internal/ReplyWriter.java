package io.github.fakesmtp.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes SMTP replies (RFC 5321 section 4.2) into a buffer that is flushed once per batch: when the
 * client has nothing more pipelined, or before the connection blocks on a read (RFC 2920 section 3.2).
 */
final class ReplyWriter {

    private static final int LARGE = 16 * 1024;

    private final Transcript transcript;
    private OutputStream out;
    private byte[] buf = new byte[1024];
    private int count;

    ReplyWriter(OutputStream out, Transcript transcript) {
        this.out = out;
        this.transcript = transcript;
    }

    /** Switches to the stream of a TLS socket after STARTTLS. */
    void replaceStream(OutputStream tlsOut) {
        this.out = tlsOut;
        this.count = 0;
    }

    /** Queues a one-line reply; {@code enhanced} may be null for replies that carry no status code. */
    void reply(int code, String enhanced, String text) {
        appendLine(code, ' ', enhanced, text);
    }

    /** Queues a reply; all lines but the last use the {@code code-text} continuation form. */
    void reply(int code, String enhanced, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            appendLine(code, i == lines.size() - 1 ? ' ' : '-', enhanced, lines.get(i));
        }
    }

    private void appendLine(int code, char separator, String enhanced, String text) {
        if (transcript != Transcript.OFF) {
            StringBuilder line = new StringBuilder(64).append(code).append(separator);
            if (enhanced != null) {
                line.append(enhanced).append(' ');
            }
            transcript.server(line.append(text));
        }
        // Encoded straight into the buffer: no StringBuilder, String or byte[] per reply on the hot path.
        ensureRoom(8 + (enhanced == null ? 0 : enhanced.length()) + text.length() * 3);
        buf[count++] = (byte) ('0' + code / 100 % 10);
        buf[count++] = (byte) ('0' + code / 10 % 10);
        buf[count++] = (byte) ('0' + code % 10);
        buf[count++] = (byte) separator;
        if (enhanced != null) {
            appendText(enhanced);
            buf[count++] = ' ';
        }
        appendText(text);
        buf[count++] = '\r';
        buf[count++] = '\n';
    }

    /** ASCII as is; anything else (an SMTPUTF8 address echoed back, RFC 6531) as UTF-8. */
    private void appendText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                append(text.substring(i).getBytes(StandardCharsets.UTF_8));
                return;
            }
            buf[count++] = (byte) c;
        }
    }

    private void ensureRoom(int bytes) {
        if (count + bytes > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + bytes));
        }
    }

    private void append(byte[] bytes) {
        ensureRoom(bytes.length);
        System.arraycopy(bytes, 0, buf, count, bytes.length);
        count += bytes.length;
    }

    /**
     * Sends what is queued once it is large: a client that pipelines thousands of commands without reading
     * their replies gets them as TCP allows, instead of the server buffering them without bound.
     */
    void flushIfLarge() throws IOException {
        if (count >= LARGE) {
            flush();
        }
    }

    /** Sends what is queued in one write. */
    void flush() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            out.write(buf, 0, n);
            out.flush();
        }
    }
}
