package io.github.fakesmtp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
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

    /**
     * Wraps bytes that the caller will not modify.
     *
     * @param bytes the message bytes
     * @return the message bytes
     */
    public static MessageBytes of(byte[] bytes) {
        return new MessageBytes(bytes.length == 0 ? NO_CHUNKS : new byte[][] {bytes}, bytes.length);
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

    /** @return a stream over the bytes, without copying them */
    public InputStream newInputStream() {
        if (chunks.length == 1) {
            return new java.io.ByteArrayInputStream(chunks[0]);
        }
        List<InputStream> streams = new ArrayList<>(chunks.length);
        for (byte[] chunk : chunks) {
            streams.add(new java.io.ByteArrayInputStream(chunk));
        }
        return new SequenceInputStream(Collections.enumeration(streams));
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
        private final List<byte[]> full = new ArrayList<>();
        private byte[] current = new byte[CHUNK_SIZE];
        private int used;
        private long total;

        void write(byte[] src, int offset, int length) {
            total += length;
            while (length > 0) {
                if (used == current.length) {
                    full.add(current);
                    current = new byte[CHUNK_SIZE];
                    used = 0;
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
}
