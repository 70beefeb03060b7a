package io.github.fakesmtp.internal;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/** A socket over an in-memory input and output, so a session can be driven without the network. */
final class InMemorySocket extends Socket {

    private final InputStream in;
    private final OutputStream out;
    private volatile boolean closed;

    InMemorySocket(InputStream in) {
        this(in, new ByteArrayOutputStream());
    }

    InMemorySocket(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Everything the server wrote, when the output is the default in-memory one. */
    byte[] written() {
        return ((ByteArrayOutputStream) out).toByteArray();
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 40000);
    }

    @Override
    public int getPort() {
        return 40000;
    }

    @Override
    public void setSoTimeout(int timeout) {
        // reads never block: the input is in memory
    }

    @Override
    public void setTcpNoDelay(boolean on) {
        // nothing to tune
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
