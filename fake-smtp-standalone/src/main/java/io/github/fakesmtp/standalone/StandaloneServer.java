package io.github.fakesmtp.standalone;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.internal.report.Summaries;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The standalone server: the default SMTP server the command line describes, the isolated servers created over
 * HTTP, and the HTTP API in front of them. {@link #close()} stops all of it and ends every thread it started.
 */
final class StandaloneServer implements AutoCloseable {

    private final Mailboxes mailboxes;
    private final HttpApi http;

    private StandaloneServer(Mailboxes mailboxes, HttpApi http) {
        this.mailboxes = mailboxes;
        this.http = http;
    }

    /**
     * Starts SMTP, then HTTP.
     *
     * @param out where the line per captured message goes
     * @param log where unexpected HTTP failures go
     * @throws InvalidOption when the server builder refuses an option
     * @throws UncheckedIOException when a port cannot be bound or the dump directory cannot be created
     */
    static StandaloneServer start(StandaloneSettings settings, PrintStream out, PrintStream log) {
        if (settings.dumpDir() != null) {
            try {
                Files.createDirectories(settings.dumpDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the dump directory " + settings.dumpDir() + ": " + e, e);
            }
        }
        MessageLines lines = new MessageLines(settings, out);
        FakeSmtpServer.Builder builder = FakeSmtpServer.builder().recordTranscripts(true).onMessage(lines::captured);
        ServerOption.applyAll(builder, settings.smtp());
        FakeSmtpServer smtp = ServerOption.start(builder);
        Mailboxes mailboxes = new Mailboxes(smtp, isolatedDefaults(settings));
        lines.mailbox = mailboxes.defaultMailbox();
        if (!settings.httpEnabled()) {
            return new StandaloneServer(mailboxes, null);
        }
        try {
            HttpApi http = HttpApi.start(InetAddress.getByName(settings.httpHost()), settings.httpPort(), mailboxes, log);
            lines.apiBase = baseUrl(http);
            return new StandaloneServer(mailboxes, http);
        } catch (UnknownHostException e) {
            mailboxes.close();
            throw new UncheckedIOException("unknown host to bind the HTTP API to: " + settings.httpHost(), e);
        } catch (RuntimeException e) {
            mailboxes.close();
            throw e;
        }
    }

    /** Isolated servers bind where the default one does and keep as many messages; the request says the rest. */
    private static Supplier<FakeSmtpServer.Builder> isolatedDefaults(StandaloneSettings settings) {
        Object host = settings.smtp().get(ServerOption.HOST);
        Object maxStored = settings.smtp().get(ServerOption.MAX_STORED_MESSAGES);
        return () -> {
            FakeSmtpServer.Builder builder = FakeSmtpServer.builder().recordTranscripts(true);
            if (host != null) {
                builder.host((String) host);
            }
            if (maxStored != null) {
                builder.maxStoredMessages((Integer) maxStored);
            }
            return builder;
        };
    }

    Mailboxes mailboxes() {
        return mailboxes;
    }

    FakeSmtpServer smtp() {
        return mailboxes.defaultMailbox().server();
    }

    /** @return the API, or null when it is off */
    HttpApi http() {
        return http;
    }

    /** {@code http://127.0.0.1:8025}, or null when the API is off. */
    String apiBase() {
        return http == null ? null : baseUrl(http);
    }

    private static String baseUrl(HttpApi http) {
        return "http://" + literal(http.address().getHostAddress()) + ":" + http.port();
    }

    private static String literal(String address) {
        return address.indexOf(':') >= 0 ? "[" + address + "]" : address;
    }

    /** {@code fake-smtp listening on 127.0.0.1:2525 (SMTP), http://127.0.0.1:8025 (API)} */
    String readyLine() {
        return "fake-smtp listening on " + literal(smtp().host()) + ":" + smtp().port() + " (SMTP)"
                + (http == null ? "" : ", " + apiBase() + " (API)");
    }

    /** Stops SMTP first, which wakes the waiting HTTP requests, then HTTP. */
    @Override
    public void close() {
        mailboxes.close();
        if (http != null) {
            http.close();
        }
    }

    /**
     * What the default server does with each message before the client gets its 250: write it to the dump
     * directory (if that fails, the client gets 451 and may retry), and print a line that says where the API
     * shows it.
     */
    private static final class MessageLines {
        private final StandaloneSettings settings;
        private final PrintStream out;
        volatile Mailbox mailbox;
        volatile String apiBase;

        MessageLines(StandaloneSettings settings, PrintStream out) {
            this.settings = settings;
            this.out = out;
        }

        void captured(ReceivedMessage message) {
            Path dumpDir = settings.dumpDir();
            if (dumpDir != null) {
                Path file = dumpDir.resolve(message.sequence() + ".eml");
                try (OutputStream eml = Files.newOutputStream(file)) {
                    message.writeTo(eml);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + file, e);
                }
            }
            if (!settings.quiet()) {
                Mailbox named = mailbox;
                String base = apiBase;
                out.println("message " + Summaries.of(message)
                        + (named != null && base != null ? " " + base + named.messageUrl(message) : ""));
                out.flush();
            }
        }
    }
}
