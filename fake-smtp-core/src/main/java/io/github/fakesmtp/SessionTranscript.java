package io.github.fakesmtp;

import java.util.List;

/**
 * The lines one SMTP connection exchanged, in order: {@code C: } for the client, {@code S: } for the
 * server, and bracketed notes for message data and TLS handshakes. AUTH secrets are shown as {@code ****}.
 * Immutable.
 */
public final class SessionTranscript {

    private final int connectionIndex;
    private final List<String> lines;

    SessionTranscript(int connectionIndex, List<String> lines) {
        this.connectionIndex = connectionIndex;
        this.lines = List.copyOf(lines);
    }

    /**
     * The connection's number on its server, counting from 1 in the order they were accepted.
     *
     * @return the connection index
     */
    public int connectionIndex() {
        return connectionIndex;
    }

    /**
     * The recorded lines.
     *
     * @return an immutable list
     */
    public List<String> lines() {
        return lines;
    }

    /** @return the lines, one per line of text */
    @Override
    public String toString() {
        return "Session " + connectionIndex + ":\n" + String.join("\n", lines);
    }
}
