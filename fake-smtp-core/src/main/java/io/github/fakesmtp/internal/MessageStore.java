package io.github.fakesmtp.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Thread-safe, ordered store of captured messages. Connection threads add; test threads read, take and
 * await with a deadline, woken by each arrival rather than polling.
 *
 * @param <T> the message type
 */
public final class MessageStore<T> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<T> messages = new ArrayList<>();
    private int taken;

    /**
     * Adds a message and wakes every waiter.
     *
     * @param message the message
     */
    public void add(T message) {
        lock.lock();
        try {
            messages.add(message);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return a snapshot of all messages, oldest first */
    public List<T> snapshot() {
        lock.lock();
        try {
            return List.copyOf(messages);
        } finally {
            lock.unlock();
        }
    }

    /** @return how many messages are stored */
    public int size() {
        lock.lock();
        try {
            return messages.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the oldest message not yet taken, waiting for one up to {@code timeout}.
     *
     * @param timeout how long to wait
     * @return the message, or null when none arrived in time
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public T take(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (taken >= messages.size()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = arrived.awaitNanos(nanos);
            }
            return messages.get(taken++);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until at least {@code count} messages are stored.
     *
     * @param count how many messages to wait for
     * @param timeout how long to wait
     * @return true when they arrived in time
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean await(int count, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (messages.size() < count) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = arrived.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets every message, and what was taken. */
    public void clear() {
        lock.lock();
        try {
            messages.clear();
            taken = 0;
        } finally {
            lock.unlock();
        }
    }
}
