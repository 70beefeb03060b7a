package io.github.fakesmtp.standalone;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many requests may be held open at once (long polls and event streams). Each holds one of the HTTP
 * threads, so they are kept below the pool's size and short requests always find a thread.
 */
final class Capacity {

    private final int max;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int inUse;

    Capacity(int max) {
        this.max = max;
    }

    int max() {
        return max;
    }

    boolean tryAcquire() {
        lock.lock();
        try {
            if (inUse >= max) {
                return false;
            }
            inUse++;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            inUse--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int inUse() {
        lock.lock();
        try {
            return inUse;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until exactly {@code count} requests are held: how tests see a wait begin and end. */
    boolean awaitInUse(int count, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (inUse != count) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
