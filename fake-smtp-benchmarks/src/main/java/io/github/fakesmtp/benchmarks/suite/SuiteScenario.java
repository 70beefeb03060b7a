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
 * and prints {@code RESULT <metric> <ms per test>} lines: {@code suite.<variant>.<threads>.first} for the
 * class's first run in the JVM (class loading included) and {@code .warm} for the median of the later runs.
 * Started by {@link SuiteBenchmark} in a fresh JVM: {@code SuiteScenario <variant> <threads>}.
 */
public final class SuiteScenario {

    /** Tests per class: each a {@code @RepeatedTest} repetition with its own before/after-each callbacks. */
    static final int TESTS = 200;
    private static final int WARM_RUNS = 3;
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
        double[] warm = new double[WARM_RUNS];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = run(variant, threads);
        }
        Arrays.sort(warm);
        result(metric + ".warm", warm[warm.length / 2]);
        if (concurrent) {
            System.out.println("NOTE " + variant.id() + " with " + threads + " threads: at most "
                    + Mail.maxInFlight() + " tests were sending at once");
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
                    "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(threads)));
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
