package io.github.fakesmtp;

import io.github.fakesmtp.internal.CapturedMessage;
import io.github.fakesmtp.internal.Credentials;
import io.github.fakesmtp.internal.MessageStore;
import io.github.fakesmtp.internal.ServerConfig;
import io.github.fakesmtp.internal.SessionEvents;
import io.github.fakesmtp.internal.SmtpServerEngine;
import io.github.fakesmtp.internal.Transcript;
import io.github.fakesmtp.internal.Transcripts;
import io.github.fakesmtp.internal.report.ConflictingOptions;
import io.github.fakesmtp.internal.report.ExaminedMessages;
import io.github.fakesmtp.internal.report.Summaries;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * A real SMTP server, in-process, that captures the mail it receives so a test can assert on it.
 *
 * <pre>{@code
 * try (FakeSmtpServer smtp = FakeSmtpServer.builder().start()) {
 *     mailer.send(smtp.host(), smtp.port());
 *     ReceivedMessage message = smtp.takeMessage(Duration.ofSeconds(5));
 *     assertEquals("Welcome", message.subject());
 * }
 * }</pre>
 *
 * <p>By default it listens on 127.0.0.1 on a free port, speaks strict RFC 5321 ESMTP with PIPELINING,
 * SIZE, 8BITMIME, SMTPUTF8, ENHANCEDSTATUSCODES and CHUNKING, and offers no TLS and no AUTH. It is started
 * by {@link Builder#start()}, which returns once the port is bound, and stopped by {@link #close()}, which
 * ends every thread it started. All methods are thread-safe.
 */
public final class FakeSmtpServer implements AutoCloseable {

    static {
        // The assertions wait for arrivals without examining them; only this class can reach the store.
        ExaminedMessages.install(new ExaminedMessages.Arrivals() {
            @Override
            public boolean await(FakeSmtpServer server, int count, Duration timeout) throws InterruptedException {
                return server.store.await(count, timeout);
            }
        });
    }

    private final ServerConfig config;
    private final MessageStore<ReceivedMessage> store;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Object captureOrder = new Object();
    private final Consumer<ReceivedMessage> listener;
    private final FaultRegistry faults = new FaultRegistry();
    private final RejectionLog rejections = new RejectionLog();
    private final SmtpServerEngine engine;

    private FakeSmtpServer(ServerConfig config, int maxStoredMessages, Consumer<ReceivedMessage> listener,
            List<FaultRule> initialFaults) {
        this.config = config;
        this.store = new MessageStore<>(maxStoredMessages);
        this.listener = listener;
        for (FaultRule rule : initialFaults) {
            faults.add(rule);
        }
        this.engine = SmtpServerEngine.start(config, new SessionEvents() {
            @Override
            public void captured(CapturedMessage message) {
                FakeSmtpServer.this.captured(message);
            }

            @Override
            public void refused(Rejection rejection) {
                rejections.add(rejection);
            }

            @Override
            public boolean callsUserCode() {
                return listener != null;
            }
        }, faults);
    }

    /**
     * Starts configuring a server.
     *
     * @return a builder with the defaults described on {@link FakeSmtpServer}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a server with the defaults: 127.0.0.1, a free port, no TLS, no AUTH.
     *
     * @return the running server
     */
    public static FakeSmtpServer start() {
        return builder().start();
    }

    private void captured(CapturedMessage captured) {
        // One capture at a time, so that messages are stored in the order of their sequence numbers, which
        // awaitMessagesAfter relies on; without a listener this holds the lock for a few nanoseconds.
        synchronized (captureOrder) {
            ReceivedMessage message = new ReceivedMessage(captured, sequence.incrementAndGet());
            if (listener != null) {
                listener.accept(message); // first: if it throws, the client gets 451 and nothing is stored
            }
            store.add(message);
        }
    }

    /**
     * The address clients should connect to, as an IP literal.
     *
     * @return for example {@code 127.0.0.1}
     */
    public String host() {
        return config.bindAddress().getHostAddress();
    }

    /**
     * The port the server listens on: the one asked for, or the free one it picked.
     *
     * @return the bound port
     */
    public int port() {
        return engine.port();
    }

    /**
     * How the server offers TLS.
     *
     * @return the TLS mode
     */
    public TlsMode tlsMode() {
        return config.tlsMode();
    }

    /**
     * A client-side TLS context that trusts this server's certificate, for STARTTLS and SMTPS tests. With the
     * bundled certificate it is {@link FakeSmtpTls#clientSslContext()}.
     *
     * @return the context to hand to the mail client (e.g. Angus Mail's {@code mail.smtp.ssl.socketFactory})
     * @throws IllegalStateException when the server was given its own {@link SSLContext}: trust material for
     *     that certificate is the caller's
     */
    public SSLContext clientSslContext() {
        if (config.sslContext() != null) {
            throw new IllegalStateException("this server uses its own SSLContext; "
                    + "trust its certificate with the trust material that goes with it");
        }
        return FakeSmtpTls.clientSslContext();
    }

    /**
     * All messages stored, oldest first: every message captured so far, unless {@link #clear()},
     * {@link #removeMessage(ReceivedMessage)} or {@link Builder#maxStoredMessages(int)} dropped some.
     *
     * @return an immutable snapshot
     */
    public List<ReceivedMessage> messages() {
        return store.snapshot();
    }

    /**
     * How many messages are stored.
     *
     * @return the count
     */
    public int messageCount() {
        return store.size();
    }

    /**
     * Returns the oldest message not yet returned by this method, waiting for it if needed. Like a queue,
     * each call returns the next message; {@link #messages()} keeps showing them all. A message dropped
     * beyond {@link Builder#maxStoredMessages(int)}, or removed, before it was taken is never returned.
     * The message counts as examined for the test integrations' "fail on unexpected mail" check.
     *
     * @param timeout how long to wait
     * @return the message
     * @throws MailNotReceivedException when no new message arrived in time, or the server was closed meanwhile
     */
    public ReceivedMessage takeMessage(Duration timeout) {
        ReceivedMessage message;
        try {
            message = store.take(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailNotReceivedException("interrupted while waiting for a message");
        }
        if (message == null) {
            throw new MailNotReceivedException((store.isClosed() ? "the server is closed, so no new message can arrive"
                    : "no new message arrived within " + describe(timeout))
                    + "; received so far: " + Summaries.listing(store.snapshot()));
        }
        ExaminedMessages.markExamined(message);
        return message;
    }

    /**
     * Waits until at least {@code count} messages are stored. The messages returned count as
     * examined for the test integrations' "fail on unexpected mail" check.
     *
     * @param count how many messages to wait for, at most {@link Builder#maxStoredMessages(int)}
     * @param timeout how long to wait
     * @return every message stored by then, oldest first
     * @throws MailNotReceivedException when fewer arrived in time, or the server was closed meanwhile
     * @throws IllegalArgumentException when {@code count} is above {@link Builder#maxStoredMessages(int)}:
     *     that many could never be stored at once
     */
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        if (count > store.capacity()) {
            throw new IllegalArgumentException("cannot wait for " + Summaries.count(count, "message")
                    + ": this server keeps at most " + store.capacity() + " (maxStoredMessages)");
        }
        boolean arrived;
        try {
            arrived = store.await(count, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailNotReceivedException("interrupted while waiting for " + count + " messages");
        }
        List<ReceivedMessage> messages = store.snapshot();
        if (!arrived) {
            throw new MailNotReceivedException("expected " + Summaries.count(count, "message")
                    + (store.isClosed() ? " but the server is closed, and" : " within " + describe(timeout) + " but")
                    + " received " + Summaries.listing(messages));
        }
        ExaminedMessages.markExamined(messages);
        return messages;
    }

    /**
     * The stored messages whose {@link ReceivedMessage#sequence()} is above {@code sequence}, oldest first,
     * waiting up to {@code timeout} for the first of them: a reader that remembers the last number it saw
     * gets every later message exactly once, without polling (a long poll, a live view). Messages are stored
     * in sequence order, and numbers are never reused, also after {@link #clear()}. Unlike
     * {@link #awaitMessages(int, Duration)} it does not fail: it returns an empty list when nothing new
     * arrived in time or the server was closed.
     *
     * @param sequence the last sequence number seen; 0 for all messages
     * @param timeout how long to wait; zero for no wait
     * @return the newer messages, possibly none
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public List<ReceivedMessage> awaitMessagesAfter(int sequence, Duration timeout) throws InterruptedException {
        return store.awaitNewest(new Predicate<ReceivedMessage>() {
            @Override
            public boolean test(ReceivedMessage message) {
                return message.sequence() > sequence;
            }
        }, timeout);
    }

    /**
     * Forgets one stored message, e.g. one a test has dealt with. {@link #takeMessage(Duration)} will not
     * return it.
     *
     * @param message a message of this server
     * @return true when it was stored; false when it was already gone
     */
    public boolean removeMessage(ReceivedMessage message) {
        return store.remove(Objects.requireNonNull(message, "message"));
    }

    /**
     * Forgets every captured message, recorded rejection and transcript. Fault rules stay; {@link #reset()}
     * removes them too.
     */
    public void clear() {
        store.clear();
        rejections.clear();
        engine.transcripts().clear();
    }

    /** Returns the server to its state at start: {@link #clear()} plus {@link #clearFaults()}. */
    public void reset() {
        clearFaults();
        clear();
    }

    /**
     * Starts a fault rule for commands of the given phases, installed by the builder's terminal method:
     *
     * <pre>{@code
     * smtp.on(SmtpPhase.RCPT).matching("bob@example.com").reply(550, "5.1.1", "User unknown");
     * smtp.on(SmtpPhase.AUTH).reply(535, "5.7.8 Authentication credentials invalid");
     * smtp.on(SmtpPhase.END_OF_DATA).times(2).reply(451, "4.3.0", "Try again later");
     * }</pre>
     *
     * Rules apply to commands that arrive after they are installed, first installed first consulted.
     *
     * @param phase a phase
     * @param more further phases
     * @return a rule builder whose terminal methods return the {@link InjectedFault}
     */
    public FaultRule.Builder<InjectedFault> on(SmtpPhase phase, SmtpPhase... more) {
        return new FaultRule.Builder<>(EnumSet.of(phase, more), faults::add);
    }

    /**
     * Installs a rule, e.g. one of {@link Faults}.
     *
     * @param rule the rule
     * @return the installed fault, to check that it fired or to remove it
     */
    public InjectedFault inject(FaultRule rule) {
        return faults.add(Objects.requireNonNull(rule, "rule"));
    }

    /**
     * The installed fault rules, in the order they are consulted.
     *
     * @return an immutable snapshot
     */
    public List<InjectedFault> faults() {
        return faults.all();
    }

    /**
     * The installed rules that never fired: a test can check that every failure it scripted happened.
     *
     * @return an immutable snapshot
     */
    public List<InjectedFault> unfiredFaults() {
        return faults.all().stream().filter(fault -> !fault.hasFired()).toList();
    }

    /** Removes every fault rule. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * Every command the server refused so far, by its own checks or by a fault rule, oldest first:
     * {@code smtp.rejections()} shows that "the RCPT for bob@example.com was refused with 550". The first
     * {@value RejectionLog#CAPACITY} are kept, so a client that floods the server cannot exhaust memory.
     *
     * @return an immutable snapshot
     */
    public List<Rejection> rejections() {
        return rejections.snapshot();
    }

    /**
     * The transcripts of the sessions so far, oldest first, each numbered by its connection; empty unless
     * {@link Builder#recordTranscripts(boolean)} was set. The last {@value Transcripts#MAX_SESSIONS} sessions
     * are kept ({@link #droppedTranscripts()} counts the older ones), and each session's first
     * {@value Transcript#MAX_CHARS} characters, so that a long-lived server stays bounded.
     *
     * @return one transcript per connection, AUTH secrets masked
     */
    public List<SessionTranscript> transcripts() {
        List<Transcript> recorded = engine.transcripts().snapshot();
        List<SessionTranscript> result = new ArrayList<>(recorded.size());
        for (Transcript transcript : recorded) {
            result.add(new SessionTranscript(transcript.connectionIndex(), transcript.lines()));
        }
        return List.copyOf(result);
    }

    /**
     * How many sessions' transcripts were dropped to keep within the limit of {@link #transcripts()}, since
     * the server started or was last cleared.
     *
     * @return the count, 0 when none were
     */
    public int droppedTranscripts() {
        return engine.transcripts().dropped();
    }

    /**
     * Stops the server: no new connections, open ones are closed, and every thread the server started has
     * ended when this returns (within about a second, even with stalled clients). Messages captured so far
     * stay readable; threads waiting for new ones are woken and told that none can arrive. Calling it again
     * does nothing.
     */
    @Override
    public void close() {
        engine.close();
        store.close();
    }

    @Override
    public String toString() {
        return "FakeSmtpServer[" + host() + ":" + port() + ", tls=" + config.tlsMode() + ", messages="
                + store.size() + "]";
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() + " ms";
    }

    /** Configures and starts a {@link FakeSmtpServer}. Not thread-safe; each call returns this builder. */
    public static final class Builder {

        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private String serverName = "localhost";
        private TlsMode tlsMode = TlsMode.NONE;
        private SSLContext sslContext;
        private boolean requireTls;
        private final Map<String, String> users = new LinkedHashMap<>();
        private Authenticator authenticator;
        private boolean acceptAnyCredentials;
        private boolean authRequired;
        private long maxMessageSize = 25L * 1024 * 1024;
        private int maxRecipients = 1000;
        private int maxConnections = 1000;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private BareLineEndingPolicy bareLineEndings = BareLineEndingPolicy.ACCEPT;
        private boolean recordTranscripts;
        private int maxStoredMessages = Integer.MAX_VALUE;
        private Consumer<ReceivedMessage> listener;
        private final List<FaultRule> faults = new ArrayList<>();

        private Builder() {
        }

        /**
         * The address to listen on; by default the loopback address 127.0.0.1, so nothing outside this
         * machine can connect.
         *
         * @param host an IP literal or host name
         * @return this builder
         * @throws IllegalArgumentException when the name does not resolve
         */
        public Builder host(String host) {
            try {
                this.bindAddress = InetAddress.getByName(Objects.requireNonNull(host, "host"));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("unknown host to bind fake-smtp to: " + host, e);
            }
            return this;
        }

        /**
         * The port to listen on; by default 0, which picks a free port ({@link FakeSmtpServer#port()}).
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 (any free port) to 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The name the server gives in its greeting and EHLO reply; by default {@code localhost}.
         *
         * @param serverName a host name
         * @return this builder
         */
        public Builder serverName(String serverName) {
            this.serverName = requireText(serverName, "serverName");
            return this;
        }

        /**
         * How TLS is offered; by default {@link TlsMode#NONE}. Unless {@link #sslContext(SSLContext)} is set,
         * the server uses the bundled self-signed certificate that {@link FakeSmtpTls} lets clients trust.
         *
         * @param tlsMode the mode
         * @return this builder
         */
        public Builder tls(TlsMode tlsMode) {
            this.tlsMode = Objects.requireNonNull(tlsMode, "tlsMode");
            return this;
        }

        /**
         * The server's own TLS context, instead of the bundled certificate.
         *
         * @param sslContext an initialised context with a key manager
         * @return this builder
         */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * Whether MAIL and AUTH need TLS first (530 5.7.0 / 538 5.7.11 before it). AUTH is then advertised only
         * after STARTTLS. Off by default.
         *
         * @param requireTls true to require TLS
         * @return this builder
         */
        public Builder requireTls(boolean requireTls) {
            this.requireTls = requireTls;
            return this;
        }

        /**
         * Adds a user who may log in with AUTH (RFC 4954). Any user turns AUTH on, with the mechanisms PLAIN,
         * LOGIN, CRAM-MD5 and XOAUTH2 (the password is then the bearer token).
         *
         * @param username the user name
         * @param password the password
         * @return this builder
         */
        public Builder user(String username, String password) {
            users.put(requireText(username, "username"), Objects.requireNonNull(password, "password"));
            return this;
        }

        /**
         * Adds users written as {@code "name:password"}, split at the first colon, the way annotations and
         * command lines give them: {@code users("app:s3cret", "bob:pa:ss")}.
         *
         * @param namesAndPasswords each {@code "name:password"}; the name must not be empty
         * @return this builder
         * @throws IllegalArgumentException naming the entry that has no colon or no name
         */
        public Builder users(String... namesAndPasswords) {
            for (String user : namesAndPasswords) {
                int colon = user == null ? -1 : user.indexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException("write each user as \"name:password\", not \"" + user + "\"");
                }
                user(user.substring(0, colon), user.substring(colon + 1));
            }
            return this;
        }

        /**
         * Turns AUTH on and accepts every user name and password, for tests that only check that the client
         * logs in.
         *
         * @return this builder
         */
        public Builder acceptAnyCredentials() {
            this.acceptAnyCredentials = true;
            return this;
        }

        /**
         * Turns AUTH on and lets {@code authenticator} decide every login (PLAIN, LOGIN, XOAUTH2; not CRAM-MD5,
         * which never reveals the password).
         *
         * @param authenticator the check
         * @return this builder
         */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
            return this;
        }

        /**
         * Whether MAIL needs a successful AUTH first (530 5.7.0 Authentication required). Needs AUTH to be
         * on. Off by default.
         *
         * @param authRequired true to require AUTH
         * @return this builder
         */
        public Builder authRequired(boolean authRequired) {
            this.authRequired = authRequired;
            return this;
        }

        /**
         * The largest message accepted, advertised with SIZE (RFC 1870); by default 25 MiB. A bigger
         * {@code SIZE=} gets 552 at MAIL, bigger data gets 552 after it is read, and nothing is captured.
         *
         * @param bytes 1 to {@link Integer#MAX_VALUE}
         * @return this builder
         */
        public Builder maxMessageSize(long bytes) {
            if (bytes < 1 || bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxMessageSize must be 1 to " + Integer.MAX_VALUE + ", was " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /**
         * How many recipients one message may have; further RCPTs get 452 4.5.3 (RFC 5321 section
         * 4.5.3.1.8 requires at least 100). By default 1000.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder maxRecipients(int count) {
            this.maxRecipients = requirePositive(count, "maxRecipients");
            return this;
        }

        /**
         * How many connections may be open at once; a further one gets 421 4.3.2 and is closed. By default
         * 1000.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder maxConnections(int count) {
            this.maxConnections = requirePositive(count, "maxConnections");
            return this;
        }

        /**
         * How long a connection may stay silent before the server replies 421 4.4.2 and closes it; by default
         * 5 minutes (RFC 5321 section 4.5.3.2.7).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive, was " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * What to do with a bare CR or LF in message data; by default {@link BareLineEndingPolicy#ACCEPT}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder bareLineEndings(BareLineEndingPolicy policy) {
            this.bareLineEndings = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Whether to record every session's lines ({@link FakeSmtpServer#transcripts()},
         * {@link ReceivedMessage#transcript()}), AUTH secrets masked. Off by default, since it costs memory
         * per command.
         *
         * @param record true to record
         * @return this builder
         */
        public Builder recordTranscripts(boolean record) {
            this.recordTranscripts = record;
            return this;
        }

        /**
         * How many messages the server keeps; beyond it the oldest is dropped, so a server that runs for days
         * cannot run out of memory. Unbounded by default. A dropped message is gone from
         * {@link FakeSmtpServer#messages()}; if {@link FakeSmtpServer#takeMessage(Duration)} had not returned
         * it yet, it never will (take returns the oldest message still stored), and
         * {@link FakeSmtpServer#awaitMessages(int, Duration)} refuses to wait for more than this many.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder maxStoredMessages(int count) {
            this.maxStoredMessages = requirePositive(count, "maxStoredMessages");
            return this;
        }

        /**
         * Called with each accepted message, on the connection's thread, just before it is stored and the
         * client gets its 250. Calls are made one at a time, in the order of the messages' sequence numbers,
         * so a slow listener delays the other connections' messages too: keep it short. If it throws, the
         * client gets 451 4.3.0 and the message is not stored.
         *
         * @param listener the callback
         * @return this builder
         */
        public Builder onMessage(Consumer<ReceivedMessage> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Installs a fault rule from the start, before the first client connects (e.g. for
         * {@link SmtpPhase#CONNECT} rules).
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder fault(FaultRule rule) {
            faults.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Binds the port and starts serving. Returns once clients can connect.
         *
         * @return the running server
         * @throws java.io.UncheckedIOException when the address cannot be bound; the message names it
         * @throws IllegalStateException when the options contradict each other
         */
        public FakeSmtpServer start() {
            return new FakeSmtpServer(config(), maxStoredMessages, listener, List.copyOf(faults));
        }

        private ServerConfig config() {
            int authSources = (users.isEmpty() ? 0 : 1) + (authenticator == null ? 0 : 1) + (acceptAnyCredentials ? 1 : 0);
            if (authSources > 1) {
                throw new ConflictingOptions("users",
                        "choose one of user(..), authenticator(..) and acceptAnyCredentials(), not several");
            }
            Credentials credentials = !users.isEmpty() ? Credentials.users(users)
                    : authenticator != null ? Credentials.custom(authenticator)
                    : acceptAnyCredentials ? Credentials.acceptAny() : Credentials.NONE;
            if (authRequired && credentials == Credentials.NONE) {
                throw new ConflictingOptions("authRequired", "authRequired(true) needs AUTH to be on: "
                        + "add user(name, password), authenticator(..) or acceptAnyCredentials()");
            }
            if (requireTls && tlsMode != TlsMode.STARTTLS && tlsMode != TlsMode.SMTPS) {
                throw new ConflictingOptions("requireTls",
                        "requireTls(true) needs tls(TlsMode.STARTTLS) or tls(TlsMode.SMTPS)");
            }
            return new ServerConfig(bindAddress, port, serverName, tlsMode, sslContext, requireTls, credentials,
                    authRequired, maxMessageSize, maxRecipients, maxConnections, idleTimeout, bareLineEndings,
                    recordTranscripts);
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }

        private static int requirePositive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + value);
            }
            return value;
        }
    }
}
