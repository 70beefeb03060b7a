package io.github.fakesmtp.internal;

import io.github.fakesmtp.internal.report.Summaries;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of one SMTP session, client and server, in order. AUTH secrets are masked before they are
 * recorded. A session keeps its first {@value #MAX_CHARS} characters of lines; later lines are counted, and
 * a last note says how many were left out. When transcripts are off, {@link #OFF} records nothing and costs
 * nothing.
 */
public class Transcript {

    /** How much of one session is kept: a few hundred commands and replies, a few dozen messages. */
    public static final int MAX_CHARS = 32 * 1024;

    /** A transcript that records nothing. */
    static final Transcript OFF = new Transcript(0) {
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

    private final int connectionIndex;
    private final List<String> lines = new ArrayList<>();
    private int chars;
    private int linesLeftOut;

    /** @param connectionIndex the connection's number on its server, from 1 */
    Transcript(int connectionIndex) {
        this.connectionIndex = connectionIndex;
    }

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
        if (linesLeftOut == 0 && chars + line.length() <= MAX_CHARS) {
            lines.add(line);
            chars += line.length();
        } else {
            linesLeftOut++;
        }
    }

    /** @return the connection's number on its server, from 1 */
    public int connectionIndex() {
        return connectionIndex;
    }

    /** @return a snapshot of the lines so far, with a last note when some were left out */
    public synchronized List<String> lines() {
        if (linesLeftOut == 0) {
            return List.copyOf(lines);
        }
        List<String> all = new ArrayList<>(lines.size() + 1);
        all.addAll(lines);
        all.add("   [" + Summaries.count(linesLeftOut, "more line") + " not recorded: a transcript keeps "
                + MAX_CHARS + " characters]");
        return List.copyOf(all);
    }
}
