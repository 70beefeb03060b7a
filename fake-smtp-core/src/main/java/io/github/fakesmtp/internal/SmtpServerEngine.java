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
 *
 * <p>Threads take turns as the acceptor (leader/follower): the thread that accepts a connection serves it
 * itself, with no hand-off to another thread between the accept and the greeting, and goes back to accepting
 * when it is over. It lets a pooled thread accept in its place when a connection is opened while another is
 * open, or when its own could keep it long ({@link AcceptHandOff}). So a server that receives one connection
 * at a time, as a test's server does, runs on the one thread {@link #start} started: a server per test costs
 * one thread start, and no thread starts or wakes up another on the way from connect to greeting. Started
 * and woken threads cost most on the two-CPU machines tests run on: see fake-smtp-benchmarks' suite scenario.
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
    private final Runnable accepting;
    /** Whether sessions run the test's own code (a message listener, an authenticator), which may block. */
    private final boolean callsUserCode;
    /** How long a connection served alone may keep its thread from accepting: {@link AcceptHandOff#GRACE_NANOS}. */
    private final long graceNanos;
    private final Set<SmtpSession> sessions = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Transcripts transcripts = new Transcripts();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile boolean closed;

    private SmtpServerEngine(ServerConfig config, SessionEvents events, FaultHook faults, ServerSocket serverSocket,
            long graceNanos) {
        this.config = config;
        this.events = events;
        this.faults = faults;
        this.serverSocket = serverSocket;
        this.graceNanos = graceNanos;
        this.callsUserCode = events.callsUserCode() || config.credentials().callsUserCode();
        this.connections = ThreadFactories.connections("fake-smtp-" + serverSocket.getLocalPort() + "-connection-",
                threads);
        // Not a method reference: see ThreadFactories for what one costs the first start.
        this.accepting = new Runnable() {
            @Override
            public void run() {
                acceptAndServe();
            }
        };
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
        return start(config, events, faults, AcceptHandOff.GRACE_NANOS);
    }

    /** {@link #start(ServerConfig, SessionEvents, FaultHook)} with another grace, for tests of the hand-off. */
    static SmtpServerEngine start(ServerConfig config, SessionEvents events, FaultHook faults, long graceNanos) {
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
        SmtpServerEngine engine = new SmtpServerEngine(config, events, faults, socket, graceNanos);
        engine.connections.execute(engine.accepting);
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

    /**
     * The acceptor's turn: accepts and serves connections one after the other, until it has let another
     * thread accept; then it serves its last connection and returns to the pool.
     */
    private void acceptAndServe() {
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
            // Another connection open: this one may be the first of many at once, so accepting is handed on as
            // soon as its greeting is out. Alone: it may keep this thread for its grace.
            long grace = sessions.isEmpty() && !callsUserCode ? graceNanos : 0;
            AcceptHandOff handOff = new AcceptHandOff(new Runnable() {
                @Override
                public void run() {
                    handOffAccepting();
                }
            }, socket, config.idleTimeoutMillis(), grace);
            boolean served = false;
            try {
                serve(socket, handOff);
                served = true;
            } finally {
                if (!served) {
                    handOff.now(); // an Error ends this thread: another one accepts
                }
            }
            if (handOff.happened()) {
                return;
            }
        }
    }

    private void handOffAccepting() {
        try {
            connections.execute(accepting);
        } catch (RejectedExecutionException closing) {
            // close() shut the pool down: nothing more to accept
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

    /** Serves one connection on this thread. */
    private void serve(Socket socket, AcceptHandOff handOff) {
        int connectionIndex = connectionCount.incrementAndGet();
        Transcript transcript = config.recordTranscripts() ? transcripts.open(connectionIndex) : Transcript.OFF;
        SmtpSession[] session = new SmtpSession[1];
        session[0] = new SmtpSession(config, events, faults, this::pause, socket, connectionIndex, transcript,
                handOff, () -> sessions.remove(session[0]));
        sessions.add(session[0]);
        if (closed) {
            session[0].abort();
        }
        session[0].run();
    }

    /**
     * Stops accepting, closes every connection and waits (at most about a second) for every thread to end.
     * Safe to call more than once.
     */
    @Override
    public void close() {
        closed = true;
        closing.countDown();
        // First: a thread whose turn ends from here on ends with it, instead of waiting in the pool to be told.
        ThreadFactories.shutdown(connections);
        closeQuietly(serverSocket);
        for (SmtpSession session : sessions) {
            session.abort();
        }
        long deadline = System.nanoTime() + CLOSE_DEADLINE_NANOS;
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
