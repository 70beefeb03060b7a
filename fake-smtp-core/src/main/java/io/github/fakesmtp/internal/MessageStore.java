package io.github.fakesmtp.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Thread-safe, ordered store of captured messages, optionally bounded. Connection threads add; test threads
 * read, take and await with a deadline, woken by each arrival rather than polling. Beyond its capacity the
 * oldest message is dropped. Closing the store wakes every waiter, so no one waits for a message that can no
 * longer arrive.
 *
 * @param <T> the message type
 */
public final class MessageStore<T> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<T> messages = new ArrayList<>();
    private final int capacity;
    /** How many of the stored messages, from the oldest, {@link #take} has returned. */
    private int taken;
    private boolean closed;

    /** An unbounded store. */
    public MessageStore() {
        this(Integer.MAX_VALUE);
    }

    /**
     * A store that keeps at most {@code capacity} messages, dropping the oldest beyond it.
     *
     * @param capacity at least 1
     */
    public MessageStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** @return how many messages the store keeps at most */
    public int capacity() {
        return capacity;
    }

    /**
     * Adds a message, drops the oldest when the store is full, and wakes every waiter.
     *
     * @param message the message
     */
    public void add(T message) {
        lock.lock();
        try {
            messages.add(message);
            if (messages.size() > capacity) {
                messages.remove(0);
                if (taken > 0) {
                    taken--; // the dropped one had been taken; otherwise it is lost to take() too
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes one message, compared by identity.
     *
     * @param message the message
     * @return true when it was stored
     */
    public boolean remove(T message) {
        lock.lock();
        try {
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i) == message) {
                    messages.remove(i);
                    if (i < taken) {
                        taken--;
                    }
                    return true;
                }
            }
            return false;
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
     * @return the message, or null when none arrived in time or the store was closed
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public T take(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (taken >= messages.size()) {
                if (nanos <= 0 || closed) {
                    return null;
                }
                nanos = changed.awaitNanos(nanos);
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
     * @return true when they arrived in time; false on timeout or when the store was closed
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean await(int count, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (messages.size() < count) {
                if (nanos <= 0 || closed) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the newest message is new to the caller, then returns every new one. Messages are added in
     * order, so the new ones are the newest few: {@code isNew} is tested from the newest back, and must hold
     * for a message only if it holds for every message added after it.
     *
     * @param isNew tells new messages from those the caller has seen; called under the store's lock, keep it cheap
     * @param timeout how long to wait for the first new message
     * @return the new messages, oldest first; empty when none arrived in time or the store was closed
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public List<T> awaitNewest(Predicate<? super T> isNew, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (messages.isEmpty() || !isNew.test(messages.get(messages.size() - 1))) {
                if (nanos <= 0 || closed) {
                    return List.of();
                }
                nanos = changed.awaitNanos(nanos);
            }
            int first = messages.size() - 1;
            while (first > 0 && isNew.test(messages.get(first - 1))) {
                first--;
            }
            return List.copyOf(messages.subList(first, messages.size()));
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

    /** Wakes every waiter; from now on waits return at once when what they wait for is not there. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
