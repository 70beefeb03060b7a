package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.fakesmtp.TlsMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The command line: options, their environment variables, and what a mistyped one is told. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private StandaloneSettings parse(Map<String, String> environment, String... args) {
        CommandLine commandLine = FakeSmtpMain.commandLine(environment, print(out), print(err), new CountDownLatch(1));
        commandLine.parseArgs(args);
        return ((FakeSmtpMain) commandLine.getCommand()).settings();
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private int run(Map<String, String> environment, String... args) {
        return FakeSmtpMain.run(args, environment, print(out), print(err), new CountDownLatch(1));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void defaults() {
        StandaloneSettings settings = parse(Map.of());
        assertThat(settings.smtp()).containsOnly(entry(ServerOption.HOST, "127.0.0.1"), entry(ServerOption.PORT, 2525),
                entry(ServerOption.AUTH_REQUIRED, false), entry(ServerOption.TLS, TlsMode.NONE),
                entry(ServerOption.MAX_MESSAGE_SIZE, 25L * 1024 * 1024), entry(ServerOption.MAX_RECIPIENTS, 1000),
                entry(ServerOption.MAX_STORED_MESSAGES, 10_000));
        assertThat(settings.httpHost()).isEqualTo("127.0.0.1");
        assertThat(settings.httpPort()).isEqualTo(8025);
        assertThat(settings.dumpDir()).isNull();
        assertThat(settings.quiet()).isFalse();
    }

    @Test
    void everyOption() {
        StandaloneSettings settings = parse(Map.of(), "--host", "127.0.0.2", "--port", "0", "--user", "app:s3:cret",
                "--user", "bob:pw", "--auth-required", "--tls", "STARTTLS", "--max-message-size", "1000",
                "--max-recipients", "5", "--max-messages", "7", "--dump-dir", "out", "--quiet", "--http-host", "0.0.0.0",
                "--http-port", "0");
        assertThat(settings.smtp()).contains(entry(ServerOption.HOST, "127.0.0.2"), entry(ServerOption.PORT, 0),
                entry(ServerOption.USERS, List.of("app:s3:cret", "bob:pw")), entry(ServerOption.AUTH_REQUIRED, true),
                entry(ServerOption.TLS, TlsMode.STARTTLS), entry(ServerOption.MAX_MESSAGE_SIZE, 1000L),
                entry(ServerOption.MAX_RECIPIENTS, 5), entry(ServerOption.MAX_STORED_MESSAGES, 7));
        assertThat(settings.dumpDir()).isEqualTo(Path.of("out"));
        assertThat(settings.quiet()).isTrue();
        assertThat(settings.httpHost()).isEqualTo("0.0.0.0");
        assertThat(settings.httpPort()).isZero();
    }

    @Test
    void theApiCanBeTurnedOffTwoWays() {
        assertThat(parse(Map.of(), "--no-http").httpEnabled()).isFalse();
        assertThat(parse(Map.of(), "--http-port", "-1").httpEnabled()).isFalse();
        assertThat(parse(Map.of(), "--http-port", "0").httpEnabled()).isTrue();
    }

    @Test
    void everyOptionAlsoComesFromAnEnvironmentVariable() {
        StandaloneSettings settings = parse(Map.of("FAKE_SMTP_PORT", "2626", "FAKE_SMTP_HOST", "127.0.0.3",
                "FAKE_SMTP_USER", "app:s3cret, bob:pw", "FAKE_SMTP_AUTH_REQUIRED", "true", "FAKE_SMTP_TLS", "smtps",
                "FAKE_SMTP_MAX_MESSAGE_SIZE", "2000", "FAKE_SMTP_MAX_RECIPIENTS", "9", "FAKE_SMTP_MAX_MESSAGES", "11",
                "FAKE_SMTP_QUIET", "true", "FAKE_SMTP_HTTP_PORT", "9025"));
        assertThat(settings.smtp()).contains(entry(ServerOption.PORT, 2626), entry(ServerOption.HOST, "127.0.0.3"),
                entry(ServerOption.USERS, List.of("app:s3cret", "bob:pw")), entry(ServerOption.AUTH_REQUIRED, true),
                entry(ServerOption.TLS, TlsMode.SMTPS), entry(ServerOption.MAX_MESSAGE_SIZE, 2000L),
                entry(ServerOption.MAX_RECIPIENTS, 9), entry(ServerOption.MAX_STORED_MESSAGES, 11));
        assertThat(settings.quiet()).isTrue();
        assertThat(settings.httpPort()).isEqualTo(9025);
        assertThat(parse(Map.of("FAKE_SMTP_NO_HTTP", "true")).httpEnabled()).isFalse();
        assertThat(parse(Map.of("FAKE_SMTP_DUMP_DIR", "/tmp/mail", "FAKE_SMTP_HTTP_HOST", "0.0.0.0")))
                .satisfies(s -> assertThat(s.dumpDir()).isEqualTo(Path.of("/tmp/mail")))
                .satisfies(s -> assertThat(s.httpHost()).isEqualTo("0.0.0.0"));
    }

    @Test
    void theCommandLineWinsOverTheEnvironment() {
        StandaloneSettings settings = parse(Map.of("FAKE_SMTP_PORT", "2626", "FAKE_SMTP_USER", "env:pw"), "--port", "2727",
                "--user", "cli:pw");
        assertThat(settings.smtp()).contains(entry(ServerOption.PORT, 2727), entry(ServerOption.USERS, List.of("cli:pw")));
    }

    @Test
    void helpAndVersionExit0() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: java -jar fake-smtp-standalone-<version>.jar [options]")
                .contains("--http-port", "--max-messages", "--no-http", "FAKE_SMTP_<OPTION>");
        out.reset();
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("fake-smtp ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--bogus                 | fake-smtp: Unknown option: '--bogus'",
        "--port                  | fake-smtp: Missing required parameter for option '--port' (N)",
        "--port x                | fake-smtp: Invalid value for option '--port': 'x' is not an int",
        "--port 65536            | fake-smtp: --port: port must be 0 (any free port) to 65535, was 65536",
        "--tls ssl               | fake-smtp: Invalid value for option '--tls': expected one of [NONE, STARTTLS, SMTPS]",
        "--user nopassword       | fake-smtp: --user: write each user as \"name:password\", not \"nopassword\"",
        "--max-message-size 0    | fake-smtp: --max-message-size: maxMessageSize must be 1 to 2147483647, was 0",
        "--max-recipients 0      | fake-smtp: --max-recipients: maxRecipients must be at least 1, was 0",
        "--max-messages 0        | fake-smtp: --max-messages: maxStoredMessages must be at least 1, was 0",
        "--auth-required         | fake-smtp: --auth-required: authRequired(true) needs AUTH to be on",
    })
    void usageErrorsExit2AndSayWhatIsWrong(String commandLine, String message) {
        String[] args = (commandLine.trim() + " --port-placeholder").replace(" --port-placeholder", "").split(" +");
        String[] withFreePorts = args[0].equals("--port") ? args : concat(args, "--port", "0", "--http-port", "0");
        assertThat(run(Map.of(), withFreePorts)).isEqualTo(2);
        assertThat(stderr()).startsWith(message).contains("Usage:");
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void aBadEnvironmentValueIsAUsageErrorToo() {
        assertThat(run(Map.of("FAKE_SMTP_MAX_MESSAGES", "many"))).isEqualTo(2);
        assertThat(stderr()).startsWith("fake-smtp: Invalid value for option '--max-messages': 'many' is not an int");
    }

    @Test
    void anUnknownFakeSmtpVariableIsReported() {
        parse(Map.of("FAKE_SMTP_MAXMESSAGES", "5", "OTHER", "x"));
        FakeSmtpMain.run(new String[] {"--version"}, Map.of("FAKE_SMTP_MAXMESSAGES", "5"), print(out), print(err), new CountDownLatch(1));
        assertThat(stderr()).contains("fake-smtp: ignoring the unknown environment variable FAKE_SMTP_MAXMESSAGES")
                .contains("FAKE_SMTP_MAX_MESSAGES").doesNotContain("OTHER");
    }

    @Test
    void aTakenPortExits1WithTheReason() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(run(Map.of(), "--port", Integer.toString(taken.getLocalPort()), "--http-port", "0")).isEqualTo(1);
            assertThat(stderr()).startsWith("fake-smtp: fake-smtp cannot listen on 127.0.0.1:" + taken.getLocalPort());
            err.reset();
            assertThat(run(Map.of(), "--port", "0", "--http-port", Integer.toString(taken.getLocalPort()))).isEqualTo(1);
            assertThat(stderr()).startsWith("fake-smtp: fake-smtp cannot listen for HTTP on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void runsUntilStoppedAndPrintsTheReadyLine() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> FakeSmtpMain.run(
                new String[] {"--port", "0", "--http-port", "0"}, Map.of(), print(out), print(err), stop));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString(StandardCharsets.UTF_8).contains("\n") && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the ready line is printed once both listeners accept
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .matches("fake-smtp listening on 127\\.0\\.0\\.1:\\d+ \\(SMTP\\), http://127\\.0\\.0\\.1:\\d+ \\(API\\)\\R");
        stop.countDown();
        assertThat(running.get(20, TimeUnit.SECONDS)).isZero();
    }
}
