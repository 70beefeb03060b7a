package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar, run as a process: {@code java -jar fake-smtp-standalone-<version>.jar}. Its path comes in the
 * system property {@code standaloneJar} (set by failsafe, after {@code package}).
 */
final class JarProcess implements AutoCloseable {

    static final Pattern READY = Pattern.compile(
            "fake-smtp listening on 127\\.0\\.0\\.1:(\\d+) \\(SMTP\\)(?:, http://127\\.0\\.0\\.1:(\\d+) \\(API\\))?");

    final Process process;
    private final Path stderr;
    private final Thread reader;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private int smtpPort;
    private int httpPort;

    private JarProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    stdout.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "standalone-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static Path jar() {
        String jar = System.getProperty("standaloneJar");
        assertThat(jar).as("system property standaloneJar").isNotBlank();
        assertThat(Path.of(jar)).exists();
        return Path.of(jar);
    }

    /** Starts the jar with {@code args} and extra environment variables; does not wait for it. */
    static JarProcess launch(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith(FakeSmtpMain.ENV_PREFIX));
        builder.environment().putAll(environment);
        Path stderr = java.nio.file.Files.createTempFile("fake-smtp-standalone", ".stderr");
        stderr.toFile().deleteOnExit();
        builder.redirectError(stderr.toFile());
        return new JarProcess(builder.start(), stderr);
    }

    /** Starts the jar on free ports and waits for its ready line. */
    static JarProcess start(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--port", "0", "--http-port", "0"));
        all.addAll(List.of(args));
        JarProcess jar = launch(Map.of(), all.toArray(String[]::new));
        jar.awaitReady();
        return jar;
    }

    /** Reads the ready line and the ports it names. */
    Matcher awaitReady() throws InterruptedException {
        String line = nextLine();
        Matcher ready = READY.matcher(line);
        assertThat(ready.matches()).as("the ready line, was: %s", line).isTrue();
        smtpPort = Integer.parseInt(ready.group(1));
        httpPort = ready.group(2) == null ? -1 : Integer.parseInt(ready.group(2));
        return ready;
    }

    String nextLine() throws InterruptedException {
        String line = stdout.poll(30, TimeUnit.SECONDS); // a cold JVM start on a busy machine
        assertThat(line).as("a line on stdout within 30 s").isNotNull();
        return line;
    }

    /** Waits for the process to exit, and returns its status. */
    int exitValue() throws InterruptedException {
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the process exits within 30 s").isTrue();
        return process.exitValue();
    }

    /** What the process wrote to stdout and has not been read, once it has exited. */
    String remainingStdout() throws InterruptedException {
        exitValue();
        reader.join(10_000);
        List<String> lines = new ArrayList<>();
        stdout.drainTo(lines);
        return String.join("\n", lines);
    }

    String stderr() throws IOException {
        return java.nio.file.Files.readString(stderr, StandardCharsets.UTF_8);
    }

    int smtpPort() {
        return smtpPort;
    }

    String apiBase() {
        return "http://127.0.0.1:" + httpPort;
    }

    Api api() {
        return new Api(apiBase());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
