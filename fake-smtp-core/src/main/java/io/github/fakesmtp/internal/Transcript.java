package io.github.fakesmtp.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of one SMTP session, client and server, in order. AUTH secrets are masked before they are
 * recorded. When transcripts are off, {@link #OFF} records nothing and costs nothing.
 */
public class Transcript {

    /** A transcript that records nothing. */
    static final Transcript OFF = new Transcript() {
        @Override
        void client(String line) {
        }

        @Override
        void server(CharSequence line) {
        }

        @Override
        void note(String text) {
        }

        @Override
        public List<String> lines() {
            return List.of(); // no lock: every connection of every server shares this instance
        }
    };

    private final List<String> lines = new ArrayList<>();

    void client(String line) {
        add("C: " + line);
    }

    void server(CharSequence line) {
        add("S: " + line);
    }

    /** Records something that is neither sent nor received, such as the message data or a TLS handshake. */
    void note(String text) {
        add("   [" + text + "]");
    }

    private synchronized void add(String line) {
        lines.add(line);
    }

    /** @return a snapshot of the lines so far */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
