package io.github.fakesmtp.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listening socket, its accept loop and the open connections. Every thread it starts ends in
 * {@link #close()}: sockets are closed under the threads, which then return within milliseconds.
 */
public final class SmtpServerEngine implements AutoCloseable {

    private static final long CLOSE_DEADLINE_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    private static final byte[] TOO_MANY_CONNECTIONS =
            "421 4.3.2 Too many connections, try again later\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerConfig config;
    private final SessionEvents events;
    private final FaultHook faults;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ServerSocket serverSocket;
    private final Executor connections;
    private final Thread acceptor;
    private final Set<SmtpSession> sessions = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Transcripts transcripts = new Transcripts();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile boolean closed;

    private SmtpServerEngine(ServerConfig config, SessionEvents events, FaultHook faults, ServerSocket serverSocket) {
        this.config = config;
        this.events = events;
        this.faults = faults;
        this.serverSocket = serverSocket;
        String prefix = "fake-smtp-" + serverSocket.getLocalPort();
        this.connections = ThreadFactories.connections(prefix + "-connection-", threads);
        // Not a method reference: see ThreadFactories for what one costs the first start.
        this.acceptor = ThreadFactories.named(prefix + "-acceptor-", threads).newThread(new Runnable() {
            @Override
            public void run() {
                acceptLoop();
            }
        });
    }

    /**
     * Binds and starts accepting. Returns once the port is bound: a client may connect straight away.
     *
     * @param config the server's configuration
     * @param events where captured messages and rejections go
     * @param faults the fault rules sessions consult
     * @return the running engine
     * @throws UncheckedIOException when the address cannot be bound, naming it
     */
    public static SmtpServerEngine start(ServerConfig config, SessionEvents events, FaultHook faults) {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            if (config.port() != 0) {
                socket.setReuseAddress(true); // a fixed port can be reused right after the last server closed
            }
            socket.bind(new InetSocketAddress(config.bindAddress(), config.port()), 128);
        } catch (IOException e) {
            closeQuietly(socket);
            String address = config.bindAddress().getHostAddress() + ":" + config.port();
            throw new UncheckedIOException("fake-smtp cannot listen on " + address + ": " + e.getMessage()
                    + (config.port() != 0 ? " (another process may hold the port; use port 0 for a free one)" : ""),
                    e);
        }
        SmtpServerEngine engine = new SmtpServerEngine(config, events, faults, socket);
        engine.acceptor.start();
        return engine;
    }

    /** @return the port actually bound */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** @return the transcripts of the recent sessions (none when transcripts are off) */
    public Transcripts transcripts() {
        return transcripts;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // a failed accept (e.g. the client reset at once) does not stop the server
            }
            if (sessions.size() >= config.maxConnections()) {
                refuse(socket);
                continue;
            }
            serve(socket);
        }
    }

    /** RFC 5321 section 3.8: a server that cannot serve says 421 and closes. */
    private static void refuse(Socket socket) {
        try (socket) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write(TOO_MANY_CONNECTIONS);
            out.flush();
        } catch (IOException ignored) {
            // the client is told if it listens; nothing else to do
        }
    }

    private void serve(Socket socket) {
        int connectionIndex = connectionCount.incrementAndGet();
        Transcript transcript = config.recordTranscripts() ? transcripts.open(connectionIndex) : Transcript.OFF;
        SmtpSession[] session = new SmtpSession[1];
        session[0] = new SmtpSession(config, events, faults, this::pause, socket, connectionIndex, transcript,
                () -> sessions.remove(session[0]));
        sessions.add(session[0]);
        if (closed) {
            session[0].abort();
        }
        try {
            connections.execute(session[0]);
        } catch (RejectedExecutionException closing) {
            sessions.remove(session[0]); // close() shut the pool down meanwhile
            session[0].abort();
        }
    }

    /**
     * Stops accepting, closes every connection and waits (at most about a second) for every thread to end.
     * Safe to call more than once.
     */
    @Override
    public void close() {
        closed = true;
        closing.countDown();
        closeQuietly(serverSocket);
        for (SmtpSession session : sessions) {
            session.abort();
        }
        ThreadFactories.shutdown(connections);
        long deadline = System.nanoTime() + CLOSE_DEADLINE_NANOS;
        join(acceptor, deadline);
        for (Thread thread : List.copyOf(threads)) {
            join(thread, deadline);
        }
    }

    private boolean pause(long nanos) {
        try {
            return !closing.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void join(Thread thread, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return;
        }
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // best effort while stopping
        }
    }
}
