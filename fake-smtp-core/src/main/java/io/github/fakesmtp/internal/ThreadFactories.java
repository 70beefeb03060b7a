package io.github.fakesmtp.internal;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Server threads. Connections run on a per-server pool of reused daemon platform threads on every Java
 * version: starting a platform thread costs more than a whole SMTP exchange, and a virtual thread blocked on
 * a socket is woken through the JDK's poller and then a carrier thread, which halved the throughput of a busy
 * connection on Java 25 (see fake-smtp-benchmarks). The acceptor, which waits far more than it works, is a
 * virtual thread on Java 21+, so that starting and closing a server costs no platform thread there. Every
 * thread made here is kept in a caller's set while it runs, so that {@code close()} can wait for it to end.
 *
 * <p>Anonymous classes rather than lambdas: the first lambda in a JVM costs milliseconds of bootstrap, paid
 * by the first server a test suite starts.
 */
final class ThreadFactories {

    private static final ThreadFactory VIRTUAL = virtualThreadFactory();
    private static final long IDLE_THREAD_KEEP_ALIVE_SECONDS = 30;

    private ThreadFactories() {
    }

    /** True when the acceptor runs on a virtual thread (Java 21+). */
    static boolean virtual() {
        return VIRTUAL != null;
    }

    /**
     * A factory of named threads that are in {@code live} while running: virtual when {@code virtualIfAvailable}
     * and the JVM has them, daemon platform threads otherwise.
     */
    static ThreadFactory named(String prefix, Set<Thread> live, boolean virtualIfAvailable) {
        return new ThreadFactory() {
            private final AtomicInteger sequence = new AtomicInteger();

            @Override
            public Thread newThread(Runnable task) {
                Thread[] self = new Thread[1];
                Runnable tracked = new Runnable() {
                    @Override
                    public void run() {
                        try {
                            task.run();
                        } finally {
                            live.remove(self[0]);
                        }
                    }
                };
                String name = prefix + sequence.incrementAndGet();
                Thread thread;
                if (virtualIfAvailable && VIRTUAL != null) {
                    thread = VIRTUAL.newThread(tracked);
                    thread.setName(name);
                } else {
                    thread = new Thread(tracked, name);
                    thread.setDaemon(true);
                }
                self[0] = thread;
                live.add(thread);
                return thread;
            }
        };
    }

    /**
     * Where connections run: a cached pool whose idle threads take the next connection and end after a while,
     * or at once when the pool is shut down.
     */
    static Executor connections(String prefix, Set<Thread> live) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), named(prefix, live, false));
    }

    /** Lets idle pooled threads end now and busy ones once their connection is over; rejects new work. */
    static void shutdown(Executor executor) {
        if (executor instanceof ExecutorService pool) {
            pool.shutdown();
        }
    }

    /** Thread.ofVirtual().factory(), looked up reflectively because the baseline is Java 17. */
    private static ThreadFactory virtualThreadFactory() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException | RuntimeException notAvailable) {
            return null;
        }
    }
}
