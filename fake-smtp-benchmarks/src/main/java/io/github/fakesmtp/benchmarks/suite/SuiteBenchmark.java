package io.github.fakesmtp.benchmarks.suite;

import io.github.fakesmtp.benchmarks.FreshJvm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code suite} scenario: the cost per test that a user feels. Each variant's JUnit class (200 tests,
 * each sending one mail through Angus Mail and asserting on it) runs in a fresh JVM through the JUnit
 * Platform Launcher, sequentially and with 8 threads; variants are interleaved round by round, so a busy
 * moment of a shared machine hits all alike. Prints medians in ms per test and the ratios the targets are
 * stated in.
 */
public final class SuiteBenchmark {

    /** A variant run with a number of test threads. */
    private record Run(SuiteVariant variant, int threads) {
        String metric() {
            return "suite." + variant.id() + "." + threads;
        }
    }

    private static final List<Run> RUNS = List.of(
            new Run(SuiteVariant.EXTENSION, 1), new Run(SuiteVariant.MANUAL, 1), new Run(SuiteVariant.SHARED, 1),
            new Run(SuiteVariant.GREENMAIL, 1), new Run(SuiteVariant.WISER, 1),
            new Run(SuiteVariant.EXTENSION, 8), new Run(SuiteVariant.SHARED, 8),
            new Run(SuiteVariant.GREENMAIL, 8), new Run(SuiteVariant.WISER, 8));

    private final Map<String, List<Double>> results = new LinkedHashMap<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();
    private final List<Double> loads = new ArrayList<>();

    /** Runs every variant {@code rounds} times, interleaved. */
    public void run(int rounds) throws IOException, InterruptedException {
        for (int round = 1; round <= rounds; round++) {
            for (Run run : RUNS) {
                runInFreshJvm(run, round);
            }
        }
    }

    /** @return what failed, empty when every run passed all its tests */
    public List<String> failures() {
        return failures;
    }

    private void runInFreshJvm(Run run, int round) throws IOException, InterruptedException {
        FreshJvm.Outcome outcome = FreshJvm.run(SuiteScenario.class, run.variant().name(), String.valueOf(run.threads()));
        loads.add(outcome.loadAverage());
        StringBuilder line = new StringBuilder("[suite #" + round + " " + run.variant().id() + " x" + run.threads() + "]");
        outcome.results().forEach((metric, value) -> {
            results.computeIfAbsent(metric, k -> new ArrayList<>()).add(value);
            line.append(' ').append(metric.substring(metric.lastIndexOf('.') + 1)).append('=').append(format(value));
        });
        notes.addAll(outcome.notes());
        if (outcome.exitCode() != 0) {
            failures.add("suite " + run.variant().id() + " x" + run.threads() + " failed (exit " + outcome.exitCode()
                    + "): " + outcome.tail());
            line.append(" FAILED");
        }
        System.err.println(line);
    }

    /** The table: ms per test for each variant, then the ratios of the targets with whether each is met. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("Suite: ").append(SuiteScenario.TESTS).append(" tests in one JUnit class, each sending one mail ")
                .append("through Angus Mail (a new Session per test) and asserting on it. Medians, ms per test; ")
                .append("first = the class's first run in a fresh JVM, warm = its runs once the JIT has settled. ")
                .append("Load average (1 min) when the runs started: ").append(FreshJvm.describeLoad(loads))
                .append("; each JVM in ").append(FreshJvm.ownNetwork() ? "a network namespace of its own"
                        : "the machine's network namespace (TIME_WAIT sockets of earlier runs may slow binds)")
                .append(".\n\n");
        out.append("| variant | 1 thread, warm | 1 thread, first | 8 threads, warm | 8 threads, first |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (SuiteVariant variant : SuiteVariant.values()) {
            out.append("| ").append(variant.label())
                    .append(" | ").append(format(ms(variant, 1, "warm")))
                    .append(" | ").append(format(ms(variant, 1, "first")))
                    .append(" | ").append(format(ms(variant, 8, "warm")))
                    .append(" | ").append(format(ms(variant, 8, "first"))).append(" |\n");
        }
        out.append("\n| target (warm runs) | ratio | goal | met |\n|---|---:|---|---|\n");
        for (int threads : new int[] {1, 8}) {
            String suffix = threads == 1 ? ", sequential" : ", 8 threads";
            double extension = ms(SuiteVariant.EXTENSION, threads, "warm");
            target(out, "@FakeSmtp / floor" + suffix, extension / ms(SuiteVariant.SHARED, threads, "warm"), "<= 1.15", false, 1.15);
            if (threads == 1) {
                target(out, "@FakeSmtp / @BeforeEach server" + suffix, extension / ms(SuiteVariant.MANUAL, 1, "warm"), "<= 1.10", false, 1.10);
            }
            target(out, "Wiser / @FakeSmtp" + suffix, ms(SuiteVariant.WISER, threads, "warm") / extension, ">= 1.5", true, 1.5);
            target(out, "GreenMail / @FakeSmtp" + suffix, ms(SuiteVariant.GREENMAIL, threads, "warm") / extension, ">= 5", true, 5);
        }
        for (Run run : RUNS) {
            List<Double> inFlight = results.get(run.metric() + ".inflight");
            if (inFlight != null) {
                notes.add(run.variant().id() + " with " + run.threads() + " threads: at most "
                        + Math.round(inFlight.stream().mapToDouble(Double::doubleValue).max().orElse(0))
                        + " tests were sending at once");
            }
        }
        if (!notes.isEmpty()) {
            out.append("\nNotes:\n");
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    private static void target(StringBuilder out, String label, double ratio, String goal, boolean atLeast, double bound) {
        String met = Double.isNaN(ratio) ? "" : (atLeast ? ratio >= bound : ratio <= bound) ? "yes" : "NO";
        out.append("| ").append(label).append(" | ").append(format(ratio)).append(" | ").append(goal)
                .append(" | ").append(met).append(" |\n");
    }

    private double ms(SuiteVariant variant, int threads, String which) {
        return median(results.get(new Run(variant, threads).metric() + "." + which));
    }

    private static double median(List<Double> values) {
        return FreshJvm.median(values);
    }

    private static String format(double value) {
        return FreshJvm.format(value);
    }
}
