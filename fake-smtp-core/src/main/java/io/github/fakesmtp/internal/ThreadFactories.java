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
 * Server threads: daemon platform threads on every Java version, in a per-server pool of reused threads that
 * take turns accepting and serving connections, since starting a platform thread costs more than a whole
 * SMTP exchange. Not virtual threads, even where the JVM has them: a virtual thread blocked on a socket is
 * woken through the JDK's poller and then a carrier thread, and on Java 25 that halved the throughput of a
 * busy connection, cost a fifth of the connections accepted per second, and added about 15 ms to the first
 * start in a JVM (see fake-smtp-benchmarks). Every thread made here is kept in a caller's set while it runs,
 * so that {@code close()} can wait for it to end.
 *
 * <p>Anonymous classes rather than lambdas, here and for the engine's accepting task: they run in every
 * start, and each lambda's class is spun at run time. As lambdas, these three made the first start and stop in a fresh
 * JVM slower by a median of 1.1-3.8 ms on Java 17 and 2.5 ms on Java 25 (fake-smtp-benchmarks' cold
 * scenario, paired runs on a loaded machine; 3.1 and 3.7 ms measured alone). The JDK's own first lambdas,
 * in {@code ServerSocket}, are paid before them either way.
 */
final class ThreadFactories {

    private static final long IDLE_THREAD_KEEP_ALIVE_SECONDS = 30;

    private ThreadFactories() {
    }

    /** A factory of named daemon threads that are in {@code live} while running. */
    static ThreadFactory named(String prefix, Set<Thread> live) {
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
                Thread thread = new Thread(tracked, prefix + sequence.incrementAndGet());
                thread.setDaemon(true);
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
                new SynchronousQueue<>(), named(prefix, live));
    }

    /** Lets idle pooled threads end now and busy ones once their connection is over; rejects new work. */
    static void shutdown(Executor executor) {
        if (executor instanceof ExecutorService pool) {
            pool.shutdown();
        }
    }
}
