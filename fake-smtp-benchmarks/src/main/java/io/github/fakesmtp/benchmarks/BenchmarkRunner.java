package io.github.fakesmtp.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    private static final List<String> JVM_OPTIONS = List.of("-Xms512m", "-Xmx3g");

    private final Map<String, Map<String, List<Double>>> results = new TreeMap<>(); // metric -> target -> values
    private final List<String> failures = new ArrayList<>();
    private final java.util.Set<String> notes = new java.util.LinkedHashSet<>();

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
        for (String scenario : scenarios) {
            // The cold start is one sample per JVM: take more of them.
            int scenarioRounds = scenario.equals("cold") ? rounds * 3 : rounds;
            for (int round = 1; round <= scenarioRounds; round++) {
                for (String target : Target.NAMES) {
                    runner.run(target, scenario, round);
                }
            }
        }
        String table = runner.table(rounds, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
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
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Scenarios.class.getName());
        command.add(target);
        command.add(scenario);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        StringBuilder line = new StringBuilder("[" + scenario + " #" + round + " " + target + "]");
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                output.add(text);
                if (text.startsWith("RESULT ")) {
                    String[] parts = text.split(" ");
                    double value = Double.parseDouble(parts[2]);
                    results.computeIfAbsent(parts[1], k -> new LinkedHashMap<>())
                            .computeIfAbsent(target, k -> new ArrayList<>()).add(value);
                    line.append(' ').append(parts[1]).append('=').append(format(value));
                } else if (text.startsWith("NOTE ")) {
                    notes.add(text.substring(5));
                }
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        if (process.exitValue() != 0) {
            String failure = scenario + " on " + target + " failed (exit " + process.exitValue() + "): "
                    + String.join("\n    ", output.subList(Math.max(0, output.size() - 15), output.size()));
            failures.add(failure);
            line.append(" FAILED");
        }
        System.err.println(line);
    }

    /** What a row shows, and the goal fake-smtp is held to. */
    private record Row(String metric, String label, String unit, boolean higherIsBetter, String goal) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("cold.ms", "(1) first start+stop in a fresh JVM", "ms", false, "<= 1/3 GreenMail"),
            new Row("startstop.ms", "(1) start+stop, warm", "ms", false, "<= 1/4 GreenMail"),
            new Row("greeting.ms", "(1) start until 220 read, warm", "ms", false, ""),
            new Row("session.msgs", "(2) 1 connection, 2,000 x 1 KB", "msgs/s", true, ">= 1.8x GreenMail, >= 1.3x Wiser"),
            new Row("connection.msgs", "(3) new connection per message", "msgs/s", true, ">= 1.3x Wiser"),
            new Row("concurrent.msgs", "(4) 8 connections x 500", "msgs/s", true, ">= 2.5x GreenMail, >= 1.5x Wiser"),
            new Row("pipelined.msgs", "(5) 8 connections x 500, pipelined", "msgs/s", true, "> (4) for fake-smtp"),
            new Row("big.mbps", "(6) one 20 MB message", "MiB/s", true, ">= 8x GreenMail"),
            new Row("big.heap", "(6) retained heap / message bytes", "ratio", false, "<= 1.05"),
            new Row("small.heap", "(7) 1,000 x 10 KB: retained heap / bytes", "ratio", false, "<= 1.05"),
            new Row("angus.msgs", "(8) Angus Mail Transport, 500 msgs", "msgs/s", true, ""));

    private String table(int rounds, long seconds) {
        StringBuilder out = new StringBuilder();
        out.append("fake-smtp benchmarks, ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE))
                .append(", Java ").append(System.getProperty("java.version")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(rounds)
                .append(" rounds, ").append(seconds).append(" s. Medians; ratio = fake-smtp / peer.\n\n");
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
            case "cold.ms" -> fake <= greenMail / 3;
            case "startstop.ms" -> fake <= greenMail / 4;
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
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
