package io.github.fakesmtp.internal;

import io.github.fakesmtp.SmtpCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * When the thread that accepted a connection, and serves it itself, lets another thread accept the next one.
 * Until then no other connection is accepted, so it does so before it could be kept from {@code accept()} for
 * long: once the connection has lasted {@link #GRACE_NANOS} (checked before each read, and by a read
 * timeout while the client is silent), before a write that could block on a client that does not read, and
 * before a TLS handshake or a fault rule (which may delay, or run the test's own predicate). A connection
 * that is over within the grace, as one mail sent by an application is, costs no second thread and no
 * hand-off between threads. Used by the serving thread only.
 */
final class AcceptHandOff {

    /**
     * How long a connection may keep its accepting thread from accepting: a mail sent through Angus Mail takes
     * about a millisecond; a second connection opened meanwhile waits at most this long for its greeting.
     */
    static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /**
     * What may be written before the hand-off: far below what loopback buffers take before a write blocks on a
     * client that does not read, while a one-mail session writes about 400 octets in 8 writes.
     */
    static final int MAX_WRITES = 32;
    static final int MAX_WRITTEN_OCTETS = 8 * 1024;

    /** For a connection whose thread is not the accepting one: nothing to hand off. */
    static final AcceptHandOff NONE = new AcceptHandOff(null, null, 0, 0);

    private final Socket socket;
    private final int idleMillis;
    private final long deadline;
    /** Starts the next accepting thread; null once it ran. */
    private Runnable handOff;
    private int writes;
    private int written;

    /**
     * @param handOff starts another thread accepting
     * @param socket the connection, whose read timeout this sets while the hand-off is pending
     * @param idleMillis the connection's idle timeout
     * @param graceNanos how long the connection may keep the thread from accepting, from now
     */
    AcceptHandOff(Runnable handOff, Socket socket, int idleMillis, long graceNanos) {
        this.handOff = handOff;
        this.socket = socket;
        this.idleMillis = idleMillis;
        this.deadline = System.nanoTime() + graceNanos;
    }

    /** Lets another thread accept now, if this one has not yet. */
    void now() {
        Runnable pending = handOff;
        if (pending != null) {
            handOff = null;
            pending.run();
        }
    }

    /** @return whether another thread accepts now, so the serving thread must not go back to accepting */
    boolean happened() {
        return handOff == null && this != NONE;
    }

    /** The fault rules, handing off before the first is consulted: a rule may delay, or run the test's predicate. */
    FaultHook rules(FaultHook rules) {
        return this == NONE ? rules : new FaultHook() {
            @Override
            public boolean active() {
                return rules.active();
            }

            @Override
            public FaultDecision decide(SmtpCommand command) {
                now();
                return rules.decide(command);
            }
        };
    }

    /** The connection's input, handing off before a read that could outlast the grace. */
    InputStream input(InputStream in) {
        return this == NONE ? in : new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (handOff == null) {
                    return in.read(buffer, offset, length);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    now();
                    return in.read(buffer, offset, length);
                }
                int wait = (int) Math.min(idleMillis, TimeUnit.NANOSECONDS.toMillis(left) + 1);
                socket.setSoTimeout(wait);
                try {
                    return in.read(buffer, offset, length);
                } catch (SocketTimeoutException silent) {
                    if (wait >= idleMillis) {
                        throw silent; // silent for the whole idle timeout
                    }
                    now();
                    socket.setSoTimeout(idleMillis - wait); // the rest of the idle timeout
                    return in.read(buffer, offset, length);
                } finally {
                    socket.setSoTimeout(idleMillis); // what every later read waits, whoever hands off
                }
            }

            @Override
            public int available() throws IOException {
                return in.available();
            }
        };
    }

    /** The connection's output, handing off before a write that might block, and after the last one allowed. */
    OutputStream output(OutputStream out) {
        return this == NONE ? out : new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                if (handOff != null && (written += length) > MAX_WRITTEN_OCTETS) {
                    now();
                }
                out.write(buffer, offset, length);
                if (handOff != null && ++writes >= MAX_WRITES) {
                    now(); // after the write: the client reads its reply while the next thread starts
                }
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
    }
}
