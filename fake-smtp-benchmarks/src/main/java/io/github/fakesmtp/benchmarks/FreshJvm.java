package io.github.fakesmtp.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 *
 * <p>Where the runner may (Linux, allowed to {@code unshare -n}, as root is), each JVM runs in a network
 * namespace of its own with only the loopback interface. Every closed connection leaves a socket in
 * TIME_WAIT for a minute, holding a port of the ephemeral range that {@code bind(0)} picks free ports from.
 * A benchmark that starts servers at full speed leaves tens of thousands, and each bind then searches a
 * crowded range: on this machine {@code new ServerSocket(0)} took 0.01 ms with none, 1.4 ms with 10,000 and
 * 3.8 ms with 14,000. A namespace of its own starts every JVM from none, whatever ran before it.
 */
public final class FreshJvm {

    /** The heap every measuring JVM gets, the same for every target. */
    public static final List<String> OPTIONS = List.of("-Xms512m", "-Xmx3g");

    private static final List<String> OWN_NETWORK = ownNetworkPrefix();

    /**
     * What one run printed.
     *
     * @param loadAverage the machine's one-minute load average when the run started, NaN where unknown
     */
    public record Outcome(Map<String, Double> results, List<String> notes, List<String> output, int exitCode,
            double loadAverage) {
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
        double load = loadAverage();
        List<String> command = new ArrayList<>(OWN_NETWORK);
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
        return new Outcome(results, notes, output, process.exitValue(), load);
    }

    /** @return whether each JVM gets a network namespace of its own */
    public static boolean ownNetwork() {
        return !OWN_NETWORK.isEmpty();
    }

    /** The command prefix that runs a JVM in a new network namespace with loopback up; empty where it cannot. */
    private static List<String> ownNetworkPrefix() {
        List<String> prefix = List.of("unshare", "--net", "--", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\"");
        try {
            List<String> probe = new ArrayList<>(prefix);
            probe.add("true");
            Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? prefix : List.of();
        } catch (IOException e) {
            return List.of(); // no unshare here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** @return the one-minute load average from /proc/loadavg, NaN where there is none */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** @return "min-max (median m)" of the load averages, for a table's heading */
    public static String describeLoad(List<Double> loads) {
        List<Double> known = loads.stream().filter(load -> !load.isNaN()).sorted().toList();
        if (known.isEmpty()) {
            return "unknown";
        }
        return String.format(Locale.ROOT, "%.2f-%.2f (median %.2f)", known.get(0), known.get(known.size() - 1),
                median(known));
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
