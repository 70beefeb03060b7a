package io.github.fakesmtp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Buffered, bounded reads of SMTP command lines and message data from one connection.
 *
 * <p>Bytes are scanned in place; nothing is decoded to a {@code String} on the DATA path. Every read is
 * bounded: a line longer than its limit is consumed and reported, never buffered whole. Before any read
 * that may block, pending replies are flushed, so pipelined replies (RFC 2920) leave in one write.
 */
final class SmtpInput {

    /** Commands need little; a connection that streams data grows its buffer up to {@link #MAX_BUFFER}. */
    private static final int INITIAL_BUFFER = 4 * 1024;
    private static final int MAX_BUFFER = 64 * 1024;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';

    /** How much of an over-long line is read and dropped before the client is given up on. */
    static final int MAX_DISCARDED_OCTETS = 1024 * 1024;

    private final InputStream in;
    private final ReplyWriter flushBeforeBlocking;
    private final long maxDiscardNanos;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private boolean lastReadFilledBuffer;
    private int pos;
    private int limit;
    /** Whether the rest of an over-long line is still to be dropped, and how much of it was so far. */
    private boolean discarding;
    private long discarded;
    private long discardingSince;

    /**
     * @param flushBeforeBlocking the replies to send before any read that may block
     * @param maxDiscard how long the rest of an over-long line is read at most (the idle timeout)
     */
    SmtpInput(InputStream in, ReplyWriter flushBeforeBlocking, Duration maxDiscard) {
        this.in = in;
        this.flushBeforeBlocking = flushBeforeBlocking;
        this.maxDiscardNanos = maxDiscard.toNanos();
    }

    /** True when the client has sent bytes that were not read yet (pipelined commands). */
    boolean hasBufferedInput() {
        return pos < limit;
    }

    /** Drops what was buffered: after STARTTLS, pipelined plaintext must not be acted on (RFC 3207 section 4.2). */
    void discardBufferedInput() {
        pos = 0;
        limit = 0;
    }

    /**
     * Reads one command line, without its line ending: at most 512 octets (RFC 5321 section 4.5.3.1.4), or
     * 12288 for an AUTH command, whose initial response may be long (RFC 4954 section 4).
     *
     * @see #readLine(int)
     */
    String readCommand() throws IOException {
        return readLine(ServerConfig.MAX_COMMAND_OCTETS, ServerConfig.MAX_AUTH_LINE_OCTETS);
    }

    /**
     * Reads one line, without its line ending. Commands end with CRLF; a bare LF is also taken as the end of
     * a command (as Postfix does), so that a person typing into {@code nc} is understood. It never ends
     * message data.
     *
     * <p>A line is refused as soon as it is longer than its limit, not when it finally ends: the caller
     * replies at once, and the next read drops the rest of the line without keeping it. A client that goes
     * on without a line ending for {@value #MAX_DISCARDED_OCTETS} more octets, or for longer than the idle
     * timeout, is not worth waiting for.
     *
     * @param maxOctets the longest line allowed, counting the CRLF
     * @return the line decoded as UTF-8 (RFC 6531), or {@code null} when the client closed the connection
     * @throws LineTooLongException as soon as the line is known to be over its limit
     * @throws EndlessLineException when the rest of an over-long line goes on past the bound
     */
    String readLine(int maxOctets) throws IOException {
        return readLine(maxOctets, maxOctets);
    }

    private String readLine(int maxOctets, int maxAuthOctets) throws IOException {
        if (discarding && !discardRestOfLine()) {
            return null;
        }
        int scanned = 0;
        while (true) {
            for (int i = pos + scanned; i < limit; i++) {
                if (buf[i] == LF) {
                    int length = i - pos + 1;
                    if (length > maxOctets) {
                        int allowed = limitOfThisLine(maxOctets, maxAuthOctets);
                        if (length > allowed) {
                            pos = i + 1;
                            throw new LineTooLongException(allowed);
                        }
                    }
                    int end = i > pos && buf[i - 1] == CR ? i - 1 : i;
                    String line = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
                    pos = i + 1;
                    return line;
                }
            }
            scanned = limit - pos;
            if (scanned >= maxOctets) {
                int allowed = limitOfThisLine(maxOctets, maxAuthOctets);
                if (scanned >= allowed) {
                    // Even a line ending now would be too long: refuse it now, and drop the rest as it comes.
                    pos = limit;
                    discarding = true;
                    discarded = 0;
                    discardingSince = System.nanoTime();
                    throw new LineTooLongException(allowed);
                }
            }
            if (!fill()) {
                return null;
            }
        }
    }

    /** The limit of the line at {@code pos}: the AUTH limit for a line that starts with "AUTH ". */
    private int limitOfThisLine(int maxOctets, int maxAuthOctets) {
        if (maxAuthOctets == maxOctets || limit - pos < 5) {
            return maxOctets;
        }
        boolean auth = (buf[pos] | 0x20) == 'a' && (buf[pos + 1] | 0x20) == 'u' && (buf[pos + 2] | 0x20) == 't'
                && (buf[pos + 3] | 0x20) == 'h' && buf[pos + 4] == ' ';
        return auth ? maxAuthOctets : maxOctets;
    }

    /** Drops what is left of an over-long line, up to and including its LF; false at end of stream. */
    private boolean discardRestOfLine() throws IOException {
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == LF) {
                    pos = i + 1;
                    discarding = false;
                    return true;
                }
            }
            discarded += limit - pos;
            pos = limit;
            if (discarded > MAX_DISCARDED_OCTETS || System.nanoTime() - discardingSince > maxDiscardNanos) {
                throw new EndlessLineException();
            }
            if (!fill()) {
                return false;
            }
        }
    }

    /**
     * Reads message data after a 354 reply up to and including the terminating {@code CRLF.CRLF}
     * (RFC 5321 section 4.1.1.4), removing dot-stuffing (section 4.5.2) and copying the content into
     * {@code sink}. Only CRLF ends a line here, so a bare LF or CR can never end the data.
     *
     * @return what was seen; {@link DataOutcome#complete()} is false when the client closed the connection
     */
    DataOutcome readDotTerminated(MessageBytes.Collector sink, long maxBytes, int maxLineOctets) throws IOException {
        DataOutcome outcome = new DataOutcome();
        boolean lineStart = true;
        boolean lastWasCr = false;
        int lineOctets = 0;
        while (true) {
            if (lineStart) {
                if (!ensure(1)) {
                    return outcome;
                }
                if (buf[pos] == DOT) {
                    if (!ensure(3)) {
                        return outcome;
                    }
                    if (buf[pos + 1] == CR && buf[pos + 2] == LF) {
                        pos += 3;
                        outcome.complete = true;
                        return outcome;
                    }
                    // A leading dot is stuffing: drop it, keep the rest of the line, and do not count it
                    // towards the line's 1000 octets (RFC 5321 section 4.5.3.1.6).
                    pos++;
                }
                lineStart = false;
            }
            // Content runs from runStart to i; it is stored once per buffer, or where a stuffing dot is cut out.
            int runStart = pos;
            int i = pos;
            while (i < limit) {
                int plain = LineEnds.skipToCrOrLf(buf, i, limit);
                if (plain > i) {
                    if (lastWasCr) {
                        outcome.bareCr = true; // a CR not followed by LF
                        lastWasCr = false;
                    }
                    lineOctets += plain - i;
                    i = plain;
                    if (i == limit) {
                        break;
                    }
                }
                byte b = buf[i++];
                lineOctets++;
                if (b == CR) {
                    if (lastWasCr) {
                        outcome.bareCr = true; // CR CR
                    }
                    lastWasCr = true;
                    continue;
                }
                // A bare LF ends a line for the length limit too (as for Postfix): checked now, or the verdict
                // on the same bytes would depend on where the reads happened to split them.
                if (lineOctets > maxLineOctets) {
                    outcome.lineTooLong = true;
                }
                lineOctets = 0;
                if (!lastWasCr) {
                    outcome.bareLf = true;
                    continue;
                }
                lastWasCr = false;
                if (limit - i < 3) {
                    lineStart = true; // too few bytes to tell stuffing from the end: decide after the next read
                    break;
                }
                if (buf[i] == DOT) {
                    store(outcome, sink, runStart, i, maxBytes);
                    if (buf[i + 1] == CR && buf[i + 2] == LF) {
                        pos = i + 3;
                        outcome.complete = true;
                        return outcome;
                    }
                    i++; // stuffing again: dropped, and not counted
                    runStart = i;
                }
            }
            if (lineOctets > maxLineOctets) {
                outcome.lineTooLong = true;
            }
            store(outcome, sink, runStart, i, maxBytes);
            pos = i;
            if (!lineStart && !fill()) {
                return outcome;
            }
        }
    }

    /** Counts {@code [from, to)} of the buffer as content and copies it to {@code sink} while within the limit. */
    private void store(DataOutcome outcome, MessageBytes.Collector sink, int from, int to, long maxBytes) {
        int count = to - from;
        outcome.size += count;
        if (outcome.size > maxBytes) {
            outcome.tooBig = true;
        } else {
            sink.write(buf, from, count);
        }
    }

    /**
     * Reads exactly {@code count} octets of a BDAT chunk (RFC 3030 section 2). The octets are copied to
     * {@code sink} when it is not null and skipped otherwise; a rejected chunk must still be read.
     *
     * @return false when the connection closed before the chunk was complete
     */
    boolean readChunk(long count, MessageBytes.Collector sink) throws IOException {
        long remaining = count;
        while (remaining > 0) {
            if (pos == limit && !fill()) {
                return false;
            }
            int n = (int) Math.min(remaining, limit - pos);
            if (sink != null) {
                sink.write(buf, pos, n);
            }
            pos += n;
            remaining -= n;
        }
        return true;
    }

    /** Makes at least {@code n} bytes available at {@code pos}; false at end of stream. */
    private boolean ensure(int n) throws IOException {
        while (limit - pos < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Reads more bytes, keeping the unread ones; false at end of stream. */
    private boolean fill() throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
            if (lastReadFilledBuffer && buf.length < MAX_BUFFER) {
                buf = new byte[buf.length * 2]; // the client streams: read more per call
            }
        } else if (limit == buf.length) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            } else {
                buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer, still within its limit
            }
        }
        flushBeforeBlocking.flush();
        int room = buf.length - limit;
        int n = in.read(buf, limit, room);
        if (n < 0) {
            return false;
        }
        lastReadFilledBuffer = n == room;
        limit += n;
        return true;
    }

    /** Thrown by {@link #readLine(int)} as soon as a line is over its limit. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        private final int limit;

        LineTooLongException(int limit) {
            super("line over " + limit + " octets", null);
            this.limit = limit;
        }

        /** The limit the line passed, in octets with its CRLF. */
        int limit() {
            return limit;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a protocol event, not a fault: no stack trace needed
        }
    }

    /** Thrown by {@link #readLine(int)} when the rest of an over-long line does not end within the bound. */
    static final class EndlessLineException extends IOException {
        private static final long serialVersionUID = 1L;

        EndlessLineException() {
            super("line without end", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** What one DATA read saw. */
    static final class DataOutcome {
        boolean complete;
        boolean tooBig;
        boolean lineTooLong;
        boolean bareLf;
        boolean bareCr;
        long size;

        boolean complete() {
            return complete;
        }

        boolean bareLineEndings() {
            return bareLf || bareCr;
        }
    }
}
