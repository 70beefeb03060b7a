package io.github.fakesmtp.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Deterministic test messages: message {@code n} of a given size can be rebuilt at any time, so what a
 * server captured is checked byte for byte without keeping a second copy of everything sent.
 */
final class Messages {

    static final String SENDER = "bench@example.com";
    static final String RECIPIENT = "sink@example.com";
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
    private static final int LINE = 76;

    private Messages() {
    }

    /**
     * The raw message {@code index}: CRLF line endings, exactly {@code size} bytes (at least the headers), and
     * every 40th body line starting with a dot so that dot-stuffing (RFC 5321 section 4.5.2) is exercised.
     */
    static byte[] message(int index, int size) {
        byte[] head = ("From: <" + SENDER + ">\r\nTo: <" + RECIPIENT + ">\r\nSubject: benchmark message " + index
                + "\r\nMessage-ID: <" + index + "@bench.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, Math.max(size, head.length + 2));
        int at = head.length;
        int line = 0;
        while (at < out.length) {
            int room = out.length - at; // always 2 or more, so every line can end in CRLF
            int length = Math.min(LINE, room - 2);
            if (room - 2 - length == 1) {
                length--; // never leave a single byte, which could not end in CRLF
            }
            for (int i = 0; i < length; i++) {
                out[at + i] = ALPHABET[(index * 31 + line * 7 + i) & 63];
            }
            if (length > 0 && line % 40 == 39) {
                out[at] = '.';
            }
            at += length;
            out[at++] = '\r';
            out[at++] = '\n';
            line++;
        }
        return out;
    }

    /** The DATA payload for {@code raw}: dot-stuffed, followed by the terminating {@code .CRLF}. */
    static byte[] dataPayload(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 2000 + 8);
        boolean lineStart = true;
        int from = 0;
        for (int i = 0; i < raw.length; i++) {
            if (lineStart && raw[i] == '.') {
                out.write(raw, from, i - from);
                out.write('.');
                from = i;
            }
            lineStart = raw[i] == '\n';
        }
        out.write(raw, from, raw.length - from);
        out.write(new byte[] {'.', '\r', '\n'}, 0, 3);
        return out.toByteArray();
    }

    /**
     * Checks that {@code captured} holds exactly the messages numbered in {@code sent}, of {@code size} bytes, each once,
     * in any order. A server may prepend trace headers (RFC 5321 section 4.4: Received, Return-Path); they
     * are skipped, every other byte must match, except that a server which loses the CRLF ending the last
     * line (it belongs to the message: RFC 5321 section 4.1.1.4) is tolerated and counted.
     *
     * @return how many messages lost their final CRLF
     * @throws IllegalStateException naming the first difference
     */
    static int verify(List<byte[]> captured, BitSet sent, int size) {
        int count = sent.cardinality();
        int lostFinalCrlf = 0;
        if (captured.size() != count) {
            throw new IllegalStateException("sent " + count + " messages but " + captured.size() + " were captured");
        }
        BitSet seen = new BitSet(sent.length());
        for (byte[] bytes : captured) {
            int start = skipTraceHeaders(bytes);
            int index = indexOf(bytes, start);
            if (index < 0 || !sent.get(index) || seen.get(index)) {
                throw new IllegalStateException("captured an unexpected or duplicate message (index " + index + ")");
            }
            seen.set(index);
            byte[] expected = message(index, size);
            if (bytes.length - start == expected.length - 2
                    && Arrays.equals(bytes, start, bytes.length, expected, 0, expected.length - 2)) {
                lostFinalCrlf++;
            } else if (!Arrays.equals(bytes, start, bytes.length, expected, 0, expected.length)) {
                throw new IllegalStateException("message " + index + " differs: captured "
                        + (bytes.length - start) + " bytes, sent " + expected.length);
            }
        }
        return lostFinalCrlf;
    }

    private static int skipTraceHeaders(byte[] bytes) {
        int at = 0;
        while (startsWith(bytes, at, "Received:") || startsWith(bytes, at, "Return-Path:")) {
            do {
                at = nextLine(bytes, at);
            } while (at < bytes.length && (bytes[at] == ' ' || bytes[at] == '\t'));
        }
        return at;
    }

    private static int nextLine(byte[] bytes, int at) {
        while (at < bytes.length && bytes[at++] != '\n') {
            // scan to the end of the line
        }
        return at;
    }

    private static boolean startsWith(byte[] bytes, int at, String prefix) {
        if (bytes.length - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase(bytes[at + i]) != Character.toLowerCase(prefix.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Reads n from the {@code Message-ID: <n@bench.example>} header. */
    private static int indexOf(byte[] bytes, int from) {
        for (int at = from; at < bytes.length && !(bytes[at] == '\r' || bytes[at] == '\n'); at = nextLine(bytes, at)) {
            if (startsWith(bytes, at, "Message-ID: <")) {
                int value = 0;
                for (int i = at + 13; i < bytes.length && Character.isDigit(bytes[i]); i++) {
                    value = value * 10 + (bytes[i] - '0');
                }
                return value;
            }
        }
        return -1;
    }
}
