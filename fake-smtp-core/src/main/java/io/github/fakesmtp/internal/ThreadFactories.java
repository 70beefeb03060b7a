package io.github.fakesmtp.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Connection threads: virtual threads on Java 21+, daemon platform threads on Java 17. */
final class ThreadFactories {

    private static final ThreadFactory VIRTUAL = virtualThreadFactory();

    private ThreadFactories() {
    }

    /** True when connections run on virtual threads. */
    static boolean virtual() {
        return VIRTUAL != null;
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger sequence = new AtomicInteger();
        return task -> {
            String name = prefix + sequence.incrementAndGet();
            if (VIRTUAL != null) {
                Thread thread = VIRTUAL.newThread(task);
                thread.setName(name);
                return thread;
            }
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
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
