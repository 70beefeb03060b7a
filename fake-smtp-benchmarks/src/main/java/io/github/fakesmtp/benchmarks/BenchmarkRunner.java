package io.github.fakesmtp.benchmarks;

import io.github.fakesmtp.benchmarks.suite.SuiteBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs every scenario for every target, each run in a fresh JVM, interleaved (fake-smtp, GreenMail, Wiser,
 * fake-smtp, ...) so that a slow moment of a shared machine hits all three alike, then prints a table of
 * medians and of ratios fake-smtp / peer, and writes it to {@code target/benchmark-results.md}.
 *
 * <p>Options: {@code --rounds N} (default 3), {@code --scenarios a,b} (default all).
 */
public final class BenchmarkRunner {

    private final Map<String, Map<String, List<Double>>> results = new TreeMap<>(); // metric -> target -> values
    private final List<String> failures = new ArrayList<>();
    private final java.util.Set<String> notes = new java.util.LinkedHashSet<>();
    private final List<Double> loads = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        List<String> scenarios = Scenarios.ALL;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--scenarios" -> scenarios = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        BenchmarkRunner runner = new BenchmarkRunner();
        long start = System.nanoTime();
        SuiteBenchmark suite = scenarios.contains("suite") ? new SuiteBenchmark() : null;
        for (String scenario : scenarios) {
            if (scenario.equals("suite")) {
                continue; // not a per-target scenario: runs after the others, with its own table
            }
            // The cold start is one sample per JVM: take more of them.
            int scenarioRounds = scenario.equals("cold") ? rounds * 3 : rounds;
            for (int round = 1; round <= scenarioRounds; round++) {
                for (String target : Target.NAMES) {
                    runner.run(target, scenario, round);
                }
            }
        }
        if (suite != null) {
            suite.run(rounds);
            runner.failures.addAll(suite.failures());
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        boolean perTarget = scenarios.stream().anyMatch(scenario -> !scenario.equals("suite"));
        String table = (perTarget ? runner.table(rounds, seconds) : runner.heading(rounds, seconds))
                + (suite == null ? "" : "\n" + suite.table());
        System.out.println();
        System.out.println(table);
        Path out = Path.of("target", "benchmark-results.md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, table);
            System.out.println("(written to " + out.toAbsolutePath() + ")");
        }
        System.exit(runner.failures.isEmpty() ? 0 : 1);
    }

    private void run(String target, String scenario, int round) throws IOException, InterruptedException {
        FreshJvm.Outcome outcome = FreshJvm.run(Scenarios.class, target, scenario);
        loads.add(outcome.loadAverage());
        StringBuilder line = new StringBuilder("[" + scenario + " #" + round + " " + target + "]");
        outcome.results().forEach((metric, value) -> {
            results.computeIfAbsent(metric, k -> new LinkedHashMap<>()).computeIfAbsent(target, k -> new ArrayList<>())
                    .add(value);
            line.append(' ').append(metric).append('=').append(format(value));
        });
        notes.addAll(outcome.notes());
        if (outcome.exitCode() != 0) {
            failures.add(scenario + " on " + target + " failed (exit " + outcome.exitCode() + "): " + outcome.tail());
            line.append(" FAILED");
        }
        System.err.println(line);
    }

    /** What a row shows, and the goal fake-smtp is held to. */
    private record Row(String metric, String label, String unit, boolean higherIsBetter, String goal) {
    }

    private static final List<Row> ROWS = List.of(
            // Start and stop alone have no goal: what counts is the cost per test, in the suite scenario.
            new Row("cold.ms", "(1) first start+stop in a fresh JVM", "ms", false, ""),
            new Row("startstop.ms", "(1) start+stop, warm", "ms", false, ""),
            new Row("greeting.ms", "(1) start until 220 read, warm", "ms", false, ""),
            new Row("session.msgs", "(2) 1 connection, 2,000 x 1 KB", "msgs/s", true, ">= 1.8x GreenMail, >= 1.3x Wiser"),
            new Row("connection.msgs", "(3) new connection per message", "msgs/s", true, ">= 1.3x Wiser"),
            new Row("concurrent.msgs", "(4) 8 connections x 500", "msgs/s", true, ">= 2.5x GreenMail, >= 1.5x Wiser"),
            new Row("pipelined.msgs", "(5) 8 connections x 500, pipelined", "msgs/s", true, "> (4) for fake-smtp"),
            new Row("big.mbps", "(6) one 20 MB message", "MiB/s", true, ">= 8x GreenMail"),
            new Row("big.heap", "(6) retained heap / message bytes", "ratio", false, "<= 1.05"),
            new Row("small.heap", "(7) 1,000 x 10 KB: retained heap / bytes", "ratio", false, "<= 1.05"),
            new Row("angus.msgs", "(8) Angus Mail Transport, 500 msgs", "msgs/s", true, ""));

    private String heading(int rounds, long seconds) {
        return "fake-smtp benchmarks, " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE) + ", Java "
                + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + rounds + " rounds, " + seconds + " s. Medians; ratio = fake-smtp / peer."
                + (loads.isEmpty() ? "" : " Load average (1 min) when the runs started: " + FreshJvm.describeLoad(loads)
                        + "; each JVM in " + (FreshJvm.ownNetwork() ? "a network namespace of its own."
                                : "the machine's network namespace."))
                + "\n";
    }

    private String table(int rounds, long seconds) {
        StringBuilder out = new StringBuilder(heading(rounds, seconds)).append('\n');
        out.append("| scenario | unit | fake-smtp | GreenMail | Wiser | fake/GreenMail | fake/Wiser | goal | met |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---|---|\n");
        for (Row row : ROWS) {
            Map<String, List<Double>> byTarget = results.getOrDefault(row.metric(), Map.of());
            double fake = median(byTarget.get("fake-smtp"));
            double greenMail = median(byTarget.get("greenmail"));
            double wiser = median(byTarget.get("wiser"));
            out.append("| ").append(row.label()).append(" | ").append(row.unit())
                    .append(" | ").append(format(fake)).append(" | ").append(format(greenMail))
                    .append(" | ").append(format(wiser))
                    .append(" | ").append(format(fake / greenMail)).append(" | ").append(format(fake / wiser))
                    .append(" | ").append(row.goal()).append(" | ").append(met(row, fake, greenMail, wiser))
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append("\nNotes:\n");
            notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        if (!failures.isEmpty()) {
            out.append("\nFailures:\n");
            failures.forEach(f -> out.append("- ").append(f).append('\n'));
        }
        return out.toString();
    }

    private String met(Row row, double fake, double greenMail, double wiser) {
        Boolean met = switch (row.metric()) {
            case "session.msgs" -> fake >= 1.8 * greenMail && fake >= 1.3 * wiser;
            case "connection.msgs" -> fake >= 1.3 * wiser;
            case "concurrent.msgs" -> fake >= 2.5 * greenMail && fake >= 1.5 * wiser;
            case "pipelined.msgs" -> fake > 1.1 * median(results.getOrDefault("concurrent.msgs", Map.of()).get("fake-smtp"));
            case "big.mbps" -> fake >= 8 * greenMail;
            case "big.heap", "small.heap" -> fake <= 1.05;
            default -> null;
        };
        if (met == null || Double.isNaN(fake)) {
            return "";
        }
        return met ? "yes" : "NO";
    }

    private static double median(List<Double> values) {
        return FreshJvm.median(values);
    }

    private static String format(double value) {
        return FreshJvm.format(value);
    }
}
