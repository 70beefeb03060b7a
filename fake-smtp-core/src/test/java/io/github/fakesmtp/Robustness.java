package io.github.fakesmtp;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Measurements and waits shared by the robustness tests; sizes can be raised with system properties. */
final class Robustness {

    static final long MIB = 1024 * 1024;

    private Robustness() {
    }

    /** A size from a system property (the {@code robustness} profile raises them), else the default. */
    static long size(String property, long defaultValue) {
        return Long.getLong("fakesmtp.robustness." + property, defaultValue);
    }

    /**
     * Heap in use after full collections, repeated until two readings agree within 256 KiB (at most ten
     * times): what is really retained, however busy the machine or the collector.
     */
    static long retainedHeap() {
        long previous = Long.MAX_VALUE;
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            least = Math.min(least, used);
            if (Math.abs(used - previous) < 256 * 1024) {
                break;
            }
            previous = used;
        }
        return least;
    }

    /** Open file descriptors of this JVM (sockets included), or -1 where the platform does not say. */
    static long openFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getOpenFileDescriptorCount();
        }
        return -1;
    }

    /**
     * Waits for a condition that has no event to wait on, checking it every few milliseconds up to a
     * generous deadline: never a fixed sleep, never a timing margin.
     */
    static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }
}
