package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Clients from outside Java (curl, swaks, python3), run as processes with a deadline. A missing tool skips the
 * test locally but fails it in CI ({@code CI=true}), where .ci/run installs every tool.
 */
final class Tools {

    /** What a finished process printed, and its exit status. */
    record Result(int exitCode, String output) {
    }

    private Tools() {
    }

    static void require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        String reason = tool + " is not installed (apt-get install " + tool + ")";
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + "; CI must test every client");
        }
        Assumptions.abort(reason);
    }

    /** Runs the command to its end, within {@code seconds}, and returns its combined output and status. */
    static Result run(long seconds, String... command) throws IOException, InterruptedException {
        require(command[0]);
        Path output = Files.createTempFile("fake-smtp-tool", ".log");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(command[0] + " did not finish within " + seconds + " s: " + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Runs the command and asserts it exits 0; returns its output. */
    static String ok(String... command) throws IOException, InterruptedException {
        Result result = run(120, command);
        if (result.exitCode() != 0) {
            fail(String.join(" ", command) + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }
}
