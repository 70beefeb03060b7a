package io.github.fakesmtp.benchmarks.suite;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one suite variant in this JVM through the JUnit Platform Launcher, as Maven Surefire or an IDE would,
 * and prints {@code RESULT <metric> <value>} lines: {@code suite.<variant>.<threads>.first}, ms per test of
 * the class's first run in the JVM (class loading and a cold JIT included: what a small suite feels), and
 * {@code .warm}, the median of {@value #TIMED_RUNS} runs once the JIT has settled (what the tests of a large
 * suite feel): after {@value #WARM_UP_TESTS} more tests, or {@value #WARM_UP_SECONDS} s, whichever comes
 * first. Earlier readings of the warm runs came after a single run, while the JIT compiler threads still
 * took half the CPU; each later run was faster, down to half, so the figures said more about when
 * compilation ended than about the server. With 8 threads, also {@code .inflight}: the most tests sending at
 * once. Started by {@link SuiteBenchmark} in a fresh JVM: {@code SuiteScenario <variant> <threads>}.
 */
public final class SuiteScenario {

    /** Tests per class: each a {@code @RepeatedTest} repetition with its own before/after-each callbacks. */
    static final int TESTS = 200;
    private static final int WARM_UP_TESTS = 1600;
    private static final int WARM_UP_SECONDS = 20;
    private static final int TIMED_RUNS = 3;
    private static volatile boolean concurrent;

    private SuiteScenario() {
    }

    /** Whether the running suite executes its tests concurrently (then a shared server cannot be cleared). */
    static boolean concurrent() {
        return concurrent;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SuiteScenario <variant> <threads>");
        }
        SuiteVariant variant = SuiteVariant.valueOf(args[0].toUpperCase(Locale.ROOT).replace('-', '_'));
        int threads = Integer.parseInt(args[1]);
        concurrent = threads > 1;
        String metric = "suite." + variant.id() + "." + threads;
        result(metric + ".first", run(variant, threads));
        long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS);
        for (int tests = 0; tests < WARM_UP_TESTS && System.nanoTime() < warmUpEnd; tests += TESTS) {
            run(variant, threads);
        }
        double[] warm = new double[TIMED_RUNS];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = run(variant, threads);
        }
        Arrays.sort(warm);
        result(metric + ".warm", warm[warm.length / 2]);
        if (concurrent) {
            result(metric + ".inflight", Mail.maxInFlight());
        }
        System.exit(0); // a peer may leave non-daemon threads behind
    }

    /** Runs the variant's class once; returns milliseconds per test, or exits when a test failed. */
    private static double run(SuiteVariant variant, int threads) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(variant.testClass()))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false");
        if (threads > 1) {
            request.configurationParameters(Map.of(
                    "junit.jupiter.execution.parallel.enabled", "true",
                    "junit.jupiter.execution.parallel.mode.default", "concurrent",
                    "junit.jupiter.execution.parallel.config.strategy", "fixed",
                    "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(threads),
                    // JUnit's pool may otherwise add threads while others wait in a join: at most this many at once
                    "junit.jupiter.execution.parallel.config.fixed.max-pool-size", String.valueOf(threads)));
        }
        LauncherDiscoveryRequest discovery = request.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        long start = System.nanoTime();
        launcher.execute(discovery, listener);
        long elapsed = System.nanoTime() - start;
        TestExecutionSummary summary = listener.getSummary();
        if (summary.getTestsSucceededCount() != TESTS || summary.getTotalFailureCount() != 0) {
            summary.printFailuresTo(new java.io.PrintWriter(System.out, true), 20);
            System.out.println("FAILED " + variant.id() + ": " + summary.getTestsSucceededCount() + " of " + TESTS
                    + " tests passed");
            System.exit(1);
        }
        return elapsed / (double) TimeUnit.MILLISECONDS.toNanos(1) / TESTS;
    }

    private static void result(String metric, double value) {
        System.out.println("RESULT " + metric + " " + value);
    }
}
