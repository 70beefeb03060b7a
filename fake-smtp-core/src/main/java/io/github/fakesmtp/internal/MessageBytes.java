package io.github.fakesmtp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import jakarta.mail.internet.SharedInputStream;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The raw bytes of one captured message, held once: a small message is a single exact-size array, a large
 * one a list of full chunks plus an exact-size tail, so no copy of the whole body is ever made to store it.
 */
public final class MessageBytes {

    private static final int CHUNK_SIZE = 64 * 1024;
    private static final byte[][] NO_CHUNKS = new byte[0][];

    private final byte[][] chunks;
    private final int size;

    private MessageBytes(byte[][] chunks, int size) {
        this.chunks = chunks;
        this.size = size;
    }

    /** @return the number of bytes */
    public int size() {
        return size;
    }

    /** @return a new array holding all bytes */
    public byte[] toByteArray() {
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        return all;
    }

    /**
     * A stream over the bytes, without copying them. It is a {@link SharedInputStream}, so a
     * {@code MimeMessage} parsed from it refers to these bytes instead of copying the body (the design's
     * "never keep two copies of a large body").
     *
     * @return a stream over the bytes
     */
    public InputStream newInputStream() {
        if (chunks.length == 1) {
            return new SharedByteArrayInputStream(chunks[0]);
        }
        return new SharedChunkStream(chunks, 0, size);
    }

    /**
     * Writes all bytes to {@code out}.
     *
     * @param out where to write
     * @throws IOException if {@code out} fails
     */
    public void writeTo(OutputStream out) throws IOException {
        for (byte[] chunk : chunks) {
            out.write(chunk);
        }
    }

    /**
     * Collects the bytes of one message as they arrive. It reuses one scratch chunk across messages of a
     * connection; a full chunk is handed over to the message as it is, only the tail is copied.
     */
    static final class Collector {
        private static final int FIRST_SCRATCH = 4 * 1024;

        private final List<byte[]> full = new ArrayList<>();
        /** Grows to CHUNK_SIZE as messages need it, so a connection of small messages stays small. */
        private byte[] current = new byte[0];
        private int used;
        private long total;

        void write(byte[] src, int offset, int length) {
            total += length;
            while (length > 0) {
                if (used == current.length) {
                    if (current.length < CHUNK_SIZE) {
                        current = Arrays.copyOf(current, Math.max(FIRST_SCRATCH, current.length * 2));
                    } else {
                        full.add(current); // every full chunk is CHUNK_SIZE long: SharedChunkStream relies on it
                        current = new byte[CHUNK_SIZE];
                        used = 0;
                    }
                }
                int n = Math.min(length, current.length - used);
                System.arraycopy(src, offset, current, used, n);
                used += n;
                offset += n;
                length -= n;
            }
        }

        long size() {
            return total;
        }

        /** Ends the message: returns its bytes and readies the collector for the next one. */
        MessageBytes finish() {
            byte[][] chunks = new byte[full.size() + (used > 0 ? 1 : 0)][];
            for (int i = 0; i < full.size(); i++) {
                chunks[i] = full.get(i);
            }
            if (used > 0) {
                byte[] tail = new byte[used];
                System.arraycopy(current, 0, tail, 0, used);
                chunks[chunks.length - 1] = tail;
            }
            MessageBytes bytes = new MessageBytes(chunks.length == 0 ? NO_CHUNKS : chunks, (int) total);
            reset();
            return bytes;
        }

        /** Forgets the message collected so far (rejected, too big, or the client went away). */
        void reset() {
            full.clear();
            used = 0;
            total = 0;
        }
    }

    /** A shareable stream over the range [begin, end) of chunked bytes; every full chunk is CHUNK_SIZE long. */
    private static final class SharedChunkStream extends InputStream implements SharedInputStream {
        private final byte[][] chunks;
        private final int begin;
        private final int end;
        private int pos;
        private int mark;

        SharedChunkStream(byte[][] chunks, int begin, int end) {
            this.chunks = chunks;
            this.begin = begin;
            this.end = end;
            this.pos = begin;
            this.mark = begin;
        }

        @Override
        public int read() {
            if (pos >= end) {
                return -1;
            }
            int at = pos++;
            return chunks[at / CHUNK_SIZE][at % CHUNK_SIZE] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= end) {
                return -1;
            }
            int n = Math.min(len, Math.min(end - pos, CHUNK_SIZE - pos % CHUNK_SIZE));
            System.arraycopy(chunks[pos / CHUNK_SIZE], pos % CHUNK_SIZE, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, end - pos));
            pos += (int) skipped;
            return skipped;
        }

        @Override
        public int available() {
            return end - pos;
        }

        @Override
        public boolean markSupported() {
            return true;
        }

        @Override
        public synchronized void mark(int readLimit) {
            mark = pos;
        }

        @Override
        public synchronized void reset() {
            pos = mark;
        }

        @Override
        public long getPosition() {
            return pos - begin;
        }

        @Override
        public InputStream newStream(long start, long endOffset) {
            if (start < 0) {
                throw new IllegalArgumentException("start < 0");
            }
            int to = endOffset == -1 ? end : (int) Math.min(end, begin + endOffset);
            return new SharedChunkStream(chunks, (int) Math.min(to, begin + start), to);
        }
    }
}
