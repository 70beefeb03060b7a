package io.github.fakesmtp.internal;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The transcripts of a server's most recent sessions, oldest first: at most {@value #MAX_SESSIONS}, so a
 * long-lived server that records transcripts (as the JUnit extension's does) stays bounded. Older sessions
 * are dropped and counted. Thread-safe.
 */
public final class Transcripts {

    /**
     * How many sessions are kept. A session of one message is under a thousand characters, so this is well
     * under a MiB in common use, and 16 million characters at worst ({@link Transcript#MAX_CHARS} each).
     */
    public static final int MAX_SESSIONS = 500;

    private final ArrayDeque<Transcript> recent = new ArrayDeque<>();
    private int dropped;

    /** Starts and keeps the transcript of a new connection, dropping the oldest one kept if need be. */
    synchronized Transcript open(int connectionIndex) {
        Transcript transcript = new Transcript(connectionIndex);
        if (recent.size() == MAX_SESSIONS) {
            recent.removeFirst();
            dropped++;
        }
        recent.addLast(transcript);
        return transcript;
    }

    /** @return the kept transcripts, oldest first */
    public synchronized List<Transcript> snapshot() {
        return List.copyOf(recent);
    }

    /** @return how many older sessions were dropped since the server started or was last cleared */
    public synchronized int dropped() {
        return dropped;
    }

    /** Forgets every transcript, and the count of dropped ones. */
    public synchronized void clear() {
        recent.clear();
        dropped = 0;
    }
}
