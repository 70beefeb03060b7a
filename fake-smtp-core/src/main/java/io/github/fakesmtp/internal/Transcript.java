package io.github.fakesmtp.internal;

import io.github.fakesmtp.internal.report.Summaries;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The lines of one SMTP session, client and server, in order. AUTH secrets are masked before they are
 * recorded. A session keeps its first {@value #MAX_CHARS} characters of lines; later lines are counted, and
 * a last note says how many were left out. When transcripts are off, {@link #OFF} records nothing and costs
 * nothing.
 *
 * <p>The lines are kept append-only, so a snapshot is a view of the first lines, shared with the transcript
 * and with every other snapshot: each message captured carries the transcript up to it at no cost that grows
 * with the session, where a copy per message would make a long session of many messages quadratic.
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
    /** The lines so far in {@code [0, size)}; an element once written never changes, a full array is replaced. */
    private String[] lines = new String[16];
    private int size;
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
            if (size == lines.length) {
                lines = Arrays.copyOf(lines, size * 2); // snapshots keep the old array, whose lines stay as they were
            }
            lines[size++] = line;
            chars += line.length();
        } else {
            linesLeftOut++;
        }
    }

    /** @return the connection's number on its server, from 1 */
    public int connectionIndex() {
        return connectionIndex;
    }

    /** @return an immutable snapshot of the lines so far, with a last note when some were left out */
    public synchronized List<String> lines() {
        String leftOut = linesLeftOut == 0 ? null
                : "   [" + Summaries.count(linesLeftOut, "more line") + " not recorded: a transcript keeps "
                        + MAX_CHARS + " characters]";
        return new Snapshot(lines, size, leftOut);
    }

    /**
     * The first {@code size} lines of an array that only ever grows past them, and an optional last note.
     * Taken under the transcript's lock, which publishes those lines to the thread that reads the snapshot.
     */
    private static final class Snapshot extends AbstractList<String> implements RandomAccess {
        private final String[] lines;
        private final int size;
        private final String lastNote;

        Snapshot(String[] lines, int size, String lastNote) {
            this.lines = lines;
            this.size = size;
            this.lastNote = lastNote;
        }

        @Override
        public String get(int index) {
            if (index == size && lastNote != null) {
                return lastNote;
            }
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("line " + index + " of " + size());
            }
            return lines[index];
        }

        @Override
        public int size() {
            return lastNote == null ? size : size + 1;
        }
    }
}
