package io.github.fakesmtp.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a measuring main class in a fresh JVM with this JVM's class path and JDK, and collects what it prints:
 * {@code RESULT <metric> <value>} and {@code NOTE <text>} lines. Also the number formatting and medians every
 * table of the module uses.
 */
public final class FreshJvm {

    /** The heap every measuring JVM gets, the same for every target. */
    public static final List<String> OPTIONS = List.of("-Xms512m", "-Xmx3g");

    /** What one run printed. */
    public record Outcome(Map<String, Double> results, List<String> notes, List<String> output, int exitCode) {
        /** @return the last lines of output, for a failure message */
        public String tail() {
            return String.join("\n    ", output.subList(Math.max(0, output.size() - 15), output.size()));
        }
    }

    private FreshJvm() {
    }

    /**
     * Runs {@code mainClass} with {@code args} and waits for it (at most 10 minutes).
     *
     * @return its results, notes, output and exit code
     */
    public static Outcome run(Class<?> mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, Double> results = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                output.add(text);
                if (text.startsWith("RESULT ")) {
                    String[] parts = text.split(" ");
                    results.put(parts[1], Double.parseDouble(parts[2]));
                } else if (text.startsWith("NOTE ")) {
                    notes.add(text.substring(5));
                }
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return new Outcome(results, notes, output, process.exitValue());
    }

    /** @return the median, or NaN for no values */
    public static double median(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** @return three significant digits or so, {@code n/a} for NaN */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
