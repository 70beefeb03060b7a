package io.github.fakesmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a mail client from outside Java (curl, python3, swaks) as a process, with a deadline. A missing
 * tool skips the test locally, but fails it in CI ({@code CI=true}), where .ci/run installs every tool.
 */
final class ExternalClient {

    private static final long DEADLINE_SECONDS = 60;

    private ExternalClient() {
    }

    static void requireTool(String tool) {
        if (which(tool)) {
            return;
        }
        String reason = tool + " is not installed (apt-get install " + tool + ")";
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + "; CI must test every verified client");
        }
        Assumptions.abort(reason);
    }

    private static boolean which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs the command; asserts it exits 0 and returns its combined output. */
    static String run(List<String> command) throws IOException, InterruptedException {
        requireTool(command.get(0));
        Path output = Files.createTempFile("fake-smtp-client", ".log");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(command.get(0) + " did not finish within " + DEADLINE_SECONDS + " s: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("exit status of %s; output:%n%s", command, text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The fake-smtp certificate as a PEM file, for clients that take a CA file. */
    static Path caFile(Path dir) throws IOException {
        return Files.writeString(dir.resolve("fake-smtp-ca.pem"), FakeSmtpTls.certificatePem(), StandardCharsets.US_ASCII);
    }
}
