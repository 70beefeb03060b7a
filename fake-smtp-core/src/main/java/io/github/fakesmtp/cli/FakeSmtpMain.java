package io.github.fakesmtp.cli;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.TlsMode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a fake-smtp server from a shell until Ctrl-C or SIGTERM:
 *
 * <pre>
 * java -jar fake-smtp-core-VERSION-standalone.jar [--host ADDR] [--port N] [--user NAME:PASSWORD]...
 *     [--auth-required] [--tls none|starttls|smtps] [--max-message-size BYTES] [--max-recipients N]
 *     [--dump-dir DIR] [--quiet] [--help]
 * </pre>
 */
public final class FakeSmtpMain {

    static final String USAGE = """
            Usage: java -jar fake-smtp-core-<version>-standalone.jar [options]
              --host ADDR              address to listen on (default 127.0.0.1)
              --port N                 port to listen on, 0 for any free port (default 2525)
              --user NAME:PASSWORD     a user who may log in with AUTH; repeatable
              --auth-required          refuse MAIL until the client has logged in
              --tls none|starttls|smtps  how TLS is offered (default none); uses a bundled self-signed
                                       certificate for localhost (its PEM is io/github/fakesmtp/internal/fake-smtp-ca.pem in this jar)
              --max-message-size BYTES largest message accepted (default 26214400)
              --max-recipients N       most recipients per message (default 1000)
              --dump-dir DIR           write each captured message to DIR/<sequence>.eml
              --quiet                  do not print a line per captured message
              --help                   print this help
            """;

    private FakeSmtpMain() {
    }

    /**
     * Starts the server and blocks until the JVM is asked to stop.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fake-smtp: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(USAGE);
            return;
        }
        FakeSmtpServer server;
        try {
            server = start(options, System.out);
        } catch (RuntimeException e) {
            System.err.println("fake-smtp: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "fake-smtp-shutdown"));
        System.out.println("fake-smtp listening on " + server.host() + ":" + server.port());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds and starts the server the options describe; captured messages are reported to {@code out}. */
    static FakeSmtpServer start(Options options, PrintStream out) {
        if (options.dumpDir != null) {
            try {
                Files.createDirectories(options.dumpDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the dump directory " + options.dumpDir, e);
            }
        }
        FakeSmtpServer.Builder builder = FakeSmtpServer.builder()
                .host(options.host)
                .port(options.port)
                .tls(options.tls)
                .maxMessageSize(options.maxMessageSize)
                .maxRecipients(options.maxRecipients)
                .authRequired(options.authRequired)
                .onMessage(message -> report(message, options, out));
        options.users.forEach(builder::user);
        return builder.start();
    }

    private static void report(ReceivedMessage message, Options options, PrintStream out) {
        if (options.dumpDir != null) {
            Path file = options.dumpDir.resolve(message.sequence() + ".eml");
            try (OutputStream eml = Files.newOutputStream(file)) {
                message.writeTo(eml);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
        if (!options.quiet) {
            out.println(summary(message));
            out.flush();
        }
    }

    /** One line per message: from, to, subject, size. */
    static String summary(ReceivedMessage message) {
        String subject;
        try {
            subject = message.subject();
        } catch (RuntimeException notMime) {
            subject = null;
        }
        return String.format(Locale.ROOT, "message #%d from=<%s> to=%s subject=%s size=%d",
                message.sequence(), message.envelopeSender(), String.join(",", message.envelopeRecipients()),
                subject == null ? "(none)" : "\"" + subject + "\"", message.size());
    }

    /** The parsed command line. */
    static final class Options {
        String host = "127.0.0.1";
        int port = 2525;
        final java.util.Map<String, String> users = new java.util.LinkedHashMap<>();
        boolean authRequired;
        TlsMode tls = TlsMode.NONE;
        long maxMessageSize = 25L * 1024 * 1024;
        int maxRecipients = 1000;
        Path dumpDir;
        boolean quiet;
        boolean help;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                switch (flag) {
                    case "--host" -> options.host = value(args, ++i, flag);
                    case "--port" -> options.port = number(value(args, ++i, flag), flag, 0, 65535);
                    case "--user" -> {
                        String user = value(args, ++i, flag);
                        int colon = user.indexOf(':');
                        if (colon <= 0) {
                            throw new IllegalArgumentException("--user takes NAME:PASSWORD, got '" + user + "'");
                        }
                        options.users.put(user.substring(0, colon), user.substring(colon + 1));
                    }
                    case "--auth-required" -> options.authRequired = true;
                    case "--tls" -> options.tls = tls(value(args, ++i, flag));
                    case "--max-message-size" ->
                            options.maxMessageSize = number(value(args, ++i, flag), flag, 1, Integer.MAX_VALUE);
                    case "--max-recipients" ->
                            options.maxRecipients = (int) number(value(args, ++i, flag), flag, 1, Integer.MAX_VALUE);
                    case "--dump-dir" -> options.dumpDir = Path.of(value(args, ++i, flag));
                    case "--quiet" -> options.quiet = true;
                    case "--help", "-h" -> options.help = true;
                    default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
                }
            }
            if (options.authRequired && options.users.isEmpty()) {
                throw new IllegalArgumentException("--auth-required needs at least one --user NAME:PASSWORD");
            }
            return options;
        }

        private static String value(String[] args, int index, String flag) {
            if (index >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[index];
        }

        private static int number(String text, String flag, long min, long max) {
            try {
                long value = Long.parseLong(text);
                if (value < min || value > max) {
                    throw new NumberFormatException();
                }
                return (int) value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " takes a number from " + min + " to " + max + ", got '" + text + "'");
            }
        }

        private static TlsMode tls(String text) {
            try {
                return TlsMode.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tls takes none, starttls or smtps, got '" + text + "'");
            }
        }
    }
}
