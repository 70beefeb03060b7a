package io.github.fakesmtp.standalone;

import io.github.fakesmtp.TlsMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The fake-smtp standalone server, run from a shell until Ctrl-C or SIGTERM:
 * {@code java -jar fake-smtp-standalone-<version>.jar [options]}. It serves SMTP on 127.0.0.1:2525 and an HTTP
 * API on 127.0.0.1:8025 to read mail, wait for it, inject faults and create isolated servers; {@code --help}
 * lists the options, each of which can also be set with an environment variable {@code FAKE_SMTP_<OPTION>}.
 */
@Command(name = "fake-smtp", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        versionProvider = FakeSmtpMain.Version.class,
        customSynopsis = "java -jar fake-smtp-standalone-<version>.jar [options]",
        description = "A real SMTP server that captures mail for tests, with an HTTP API to read it, wait for it, "
                + "inject faults and create isolated servers.",
        footer = {"",
            "Each option can also be set with an environment variable FAKE_SMTP_<OPTION>,",
            "e.g. FAKE_SMTP_PORT=2525, FAKE_SMTP_AUTH_REQUIRED=true, or",
            "FAKE_SMTP_USER=app:s3cret,bob:pw (users separated by commas).",
            "The command line wins over the environment.",
            "",
            "The web inbox is at http://HOST:PORT/ (the HTTP API's host and port);",
            "the HTTP API is described at http://HOST:PORT/api/v1/openapi.json."})
public final class FakeSmtpMain implements Callable<Integer> {

    static final String ENV_PREFIX = "FAKE_SMTP_";

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "address SMTP listens on (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "2525",
            description = "SMTP port, 0 for any free port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--user", paramLabel = "NAME:PASSWORD",
            description = "a user who may log in with AUTH; repeatable; any user turns AUTH on")
    List<String> users = new ArrayList<>();

    @Option(names = "--auth-required", description = "refuse MAIL until the client has logged in (530 5.7.0)")
    boolean authRequired;

    @Option(names = "--tls", paramLabel = "none|starttls|smtps", defaultValue = "none",
            description = "how TLS is offered, with a bundled self-signed certificate for localhost (default "
                    + "${DEFAULT-VALUE}); its PEM is io/github/fakesmtp/internal/fake-smtp-ca.pem in this jar")
    TlsMode tls;

    @Option(names = "--max-message-size", paramLabel = "BYTES", defaultValue = "26214400",
            description = "largest message accepted, advertised with SIZE (default ${DEFAULT-VALUE})")
    long maxMessageSize;

    @Option(names = "--max-recipients", paramLabel = "N", defaultValue = "1000",
            description = "most recipients per message; further RCPTs get 452 4.5.3 (default ${DEFAULT-VALUE})")
    int maxRecipients;

    @Option(names = "--max-messages", paramLabel = "N", defaultValue = "10000",
            description = "messages kept per server; beyond it the oldest is dropped (default ${DEFAULT-VALUE})")
    int maxMessages;

    @Option(names = "--dump-dir", paramLabel = "DIR", description = "write each captured message to DIR/<sequence>.eml")
    Path dumpDir;

    @Option(names = "--quiet", description = "do not print a line per captured message")
    boolean quiet;

    @Option(names = "--http-host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "address the HTTP API listens on (default ${DEFAULT-VALUE})")
    String httpHost;

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "8025",
            description = "HTTP API port, 0 for any free port, -1 for no API (default ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--no-http", description = "no HTTP API, SMTP only")
    boolean noHttp;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop;

    private FakeSmtpMain(Map<String, String> environment, PrintStream out, PrintStream err, CountDownLatch stop) {
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.stop = stop;
    }

    /**
     * Starts the server and blocks until the JVM is asked to stop. Exits with 2 on a usage error, with 1 when the
     * server cannot start.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        CountDownLatch stop = new CountDownLatch(1);
        int status = run(args, System.getenv(), System.out, System.err, stop);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Parses, starts, serves until {@code stop} is released (or the JVM shuts down), and returns the exit status. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err, CountDownLatch stop) {
        CommandLine commandLine = commandLine(environment, out, err, stop);
        warnAboutUnknownVariables(environment, commandLine, err);
        return commandLine.execute(args);
    }

    static CommandLine commandLine(Map<String, String> environment, PrintStream out, PrintStream err, CountDownLatch stop) {
        CommandLine commandLine = new CommandLine(new FakeSmtpMain(environment, out, err, stop));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((problem, args) -> {
            PrintWriter writer = problem.getCommandLine().getErr();
            writer.println("fake-smtp: " + problem.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(problem, writer);
            problem.getCommandLine().usage(writer);
            return CommandLine.ExitCode.USAGE;
        });
        return commandLine;
    }

    /** A typo such as FAKE_SMTP_MAXMESSAGES would otherwise be ignored without a word. */
    private static void warnAboutUnknownVariables(Map<String, String> environment, CommandLine commandLine, PrintStream err) {
        TreeSet<String> known = new TreeSet<>();
        for (OptionSpec option : commandLine.getCommandSpec().options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                known.add(EnvironmentDefaults.variable(option));
            }
        }
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith(ENV_PREFIX) && !known.contains(name)) {
                err.println("fake-smtp: ignoring the unknown environment variable " + name + "; the known ones are " + known);
            }
        }
    }

    @Override
    public Integer call() {
        StandaloneServer server;
        try {
            server = StandaloneServer.start(settings(), out, err);
        } catch (InvalidOption e) {
            ServerOption option = e.option();
            throw new CommandLine.ParameterException(spec.commandLine(),
                    (option != null && option.flag() != null ? option.flag() + ": " : "") + e.getMessage());
        } catch (UncheckedIOException e) {
            err.println("fake-smtp: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(() -> {
            server.close();
            stop.countDown();
        }, "fake-smtp-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println(server.readyLine());
        out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook); // stopped by the latch, not by the JVM
            server.close();
        } catch (IllegalStateException shuttingDown) {
            // the hook is closing the server
        }
        return 0;
    }

    /** The options in {@link ServerOption}'s words, users from FAKE_SMTP_USER when the command line gives none. */
    StandaloneSettings settings() {
        Map<ServerOption, Object> smtp = new EnumMap<>(ServerOption.class);
        smtp.put(ServerOption.HOST, host);
        smtp.put(ServerOption.PORT, port);
        List<String> allUsers = users;
        String fromEnvironment = environment.get(ENV_PREFIX + "USER");
        if (allUsers.isEmpty() && fromEnvironment != null && !fromEnvironment.isBlank()) {
            allUsers = Arrays.stream(fromEnvironment.split(",")).map(String::trim).filter(user -> !user.isEmpty()).toList();
        }
        if (!allUsers.isEmpty()) {
            smtp.put(ServerOption.USERS, allUsers);
        }
        smtp.put(ServerOption.AUTH_REQUIRED, authRequired);
        smtp.put(ServerOption.TLS, tls);
        smtp.put(ServerOption.MAX_MESSAGE_SIZE, maxMessageSize);
        smtp.put(ServerOption.MAX_RECIPIENTS, maxRecipients);
        smtp.put(ServerOption.MAX_STORED_MESSAGES, maxMessages);
        return new StandaloneSettings(smtp, httpHost, noHttp ? -1 : httpPort, dumpDir, quiet);
    }

    /** Options from FAKE_SMTP_&lt;OPTION&gt;: {@code --max-messages} from {@code FAKE_SMTP_MAX_MESSAGES}. */
    static final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {
        private final Map<String, String> environment;

        EnvironmentDefaults(Map<String, String> environment) {
            this.environment = environment;
        }

        static String variable(OptionSpec option) {
            return ENV_PREFIX + option.longestName().replaceFirst("^-+", "").toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        }

        @Override
        public String defaultValue(ArgSpec argument) {
            if (!(argument instanceof OptionSpec option) || option.isMultiValue() || option.usageHelp() || option.versionHelp()) {
                return null; // FAKE_SMTP_USER holds several users; settings() splits it
            }
            String value = environment.get(variable(option));
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    /** The version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = FakeSmtpMain.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"fake-smtp " + properties.getProperty("version", "(unknown version)")};
        }
    }
}
