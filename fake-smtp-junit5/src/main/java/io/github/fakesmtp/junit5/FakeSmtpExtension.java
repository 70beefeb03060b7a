package io.github.fakesmtp.junit5;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.FakeSmtpServerReport;
import io.github.fakesmtp.InjectedFault;
import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.SessionTranscript;
import io.github.fakesmtp.internal.report.ExaminedMessages;
import io.github.fakesmtp.internal.report.ServerReport;
import io.github.fakesmtp.internal.report.Summaries;
import java.io.IOException;
import java.lang.reflect.Executable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link FakeSmtp}, and its programmatic form.
 *
 * <p>Registered with {@code @RegisterExtension}, it takes any option of the server's own builder, and it is
 * the handle on its server:
 * <pre>{@code
 * @RegisterExtension
 * static FakeSmtpExtension smtp = FakeSmtpExtension.builder()
 *         .server(server -> server.user("app", "s3cret").tls(TlsMode.STARTTLS))
 *         .failOnUnexpectedMail(true)
 *         .build();
 *
 * @Test
 * void sendsWelcomeMail() {
 *     mailer(smtp.host(), smtp.port()).sendWelcome("bob@example.com");
 *     assertThat(smtp.server()).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1);
 * }
 * }</pre>
 * A {@code static} field gives one server for the class (and its {@code @Nested} classes), emptied before
 * each test; an instance field gives a fresh server to every test.
 *
 * <p>In both forms, a {@link FakeSmtpServer} parameter of a test method, a {@code @BeforeEach} or
 * {@code @AfterEach} method (and, for a server that lives per class, of a {@code @BeforeAll} or
 * {@code @AfterAll} method or the constructor) receives the server. Servers are kept in JUnit's
 * {@link ExtensionContext.Store}, so JUnit closes them whatever happens; they bind a free port on 127.0.0.1
 * and record SMTP transcripts. When a test fails, a {@link FakeSmtpServerReport} with the messages received
 * and the transcripts is added to the failure as a suppressed exception, and every message the test received
 * is saved for a person to open, {@code <sequence>.eml} (the exact bytes) and, for HTML mail,
 * {@code <sequence>.html} (the body, {@code cid:} images inlined), the report listing the files: with JUnit
 * 5.12 or later in JUnit's report output directory ({@code ExtensionContext.publishDirectory}, folder
 * {@code fake-smtp} of the test), with older JUnit in {@code target/fake-smtp-reports/<class>/<method>/};
 * the configuration parameter {@code fake-smtp.reports.dir} (e.g. in {@code junit-platform.properties})
 * puts them in {@code <dir>/<class>/<method>/} instead. A passing test writes nothing.
 *
 * <p>The extension holds no state shared between tests, so tests may run in parallel; only a server that
 * lives per class cannot serve concurrently running tests of that class, which the extension refuses with
 * an explanation rather than letting one test clear another's mail.
 */
public final class FakeSmtpExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private static final Namespace NAMESPACE = Namespace.create(FakeSmtpExtension.class);
    private static final String PARALLEL_ENABLED = "junit.jupiter.execution.parallel.enabled";

    /** Non-null for the programmatic form: then the settings are this extension's, not an annotation's. */
    private final ServerSettings programmatic;
    /** The server of the programmatic form, for the handle methods; null before it starts. */
    private volatile FakeSmtpServer current;
    /**
     * The annotation's settings for the last test class seen, so that they are looked up once per class
     * rather than in each of a test's callbacks. Immutable, derived from the class alone: safe to share
     * between tests running in parallel.
     */
    private volatile ClassSettings lastSettings;

    /**
     * Creates the extension as {@link FakeSmtp} registers it: configured by the nearest {@code @FakeSmtp}
     * of the test class, or with the defaults when there is none. For the programmatic form, use
     * {@link #builder()}.
     */
    public FakeSmtpExtension() {
        this(null);
    }

    FakeSmtpExtension(ServerSettings programmatic) {
        this.programmatic = programmatic;
    }

    /**
     * Starts configuring an extension for a {@code @RegisterExtension} field.
     *
     * @return a builder with the server's defaults: free port, no AUTH, no TLS
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---- lifecycle -------------------------------------------------------------------------------------

    @Override
    public void beforeAll(ExtensionContext context) {
        if (programmatic != null) {
            // only a static field (or a per-class test instance) sees beforeAll: its server lives per class
            context.getStore(NAMESPACE).put(new ClassScoped(this), Boolean.TRUE);
        }
        if (perClass(context)) {
            ServerHolder holder = classServer(context);
            ExtensionContext owner = holder.owner;
            if (owner != context) {
                refuseConcurrentSharing(context, holder, "the @Nested class " + context.getDisplayName());
            }
            remember(holder);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ServerHolder holder;
        if (perClass(context)) {
            holder = classServer(context);
            refuseConcurrentSharing(context, holder, "the test " + context.getDisplayName());
            holder.server.reset(); // messages, rejections, transcripts and the previous test's fault rules
        } else {
            holder = testServer(context);
        }
        remember(holder);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!settings(context).failOnUnexpectedMail() || context.getExecutionException().isPresent()) {
            return; // off, or the failure and its report say more than an "unexpected mail" complaint would
        }
        ServerHolder holder = existingServer(context);
        if (holder == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        List<ReceivedMessage> unexamined = holder.server.messages().stream()
                .filter(message -> !ExaminedMessages.isExamined(message)).toList();
        if (!unexamined.isEmpty()) {
            problems.add("received " + Summaries.count(unexamined.size(), "message")
                    + " the test did not examine (take, await or assert on):" + unexamined.stream().map(m -> "\n  " + Summaries.of(m)).collect(Collectors.joining()));
        }
        List<InjectedFault> unfired = holder.server.unfiredFaults();
        if (!unfired.isEmpty()) {
            problems.add("has " + Summaries.count(unfired.size(), "fault rule") + " that never fired:"
                    + unfired.stream().map(rule -> "\n  " + rule).collect(Collectors.joining()));
        }
        if (!problems.isEmpty()) {
            SaveOutcome saved = save(context, holder.server);
            AssertionError failure = new AssertionError("fail on unexpected mail is on, and the fake SMTP server "
                    + String.join("\nand ", problems) + "\n\n" + ServerReport.describe(holder.server, saved.files()));
            if (saved.failure() != null) {
                failure.addSuppressed(saved.failure());
            }
            throw failure;
        }
    }

    // ---- failure report --------------------------------------------------------------------------------

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withReport(context, throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withReport(context, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withReport(context, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withReport(context, throwable);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withReport(context, throwable);
    }

    private Throwable withReport(ExtensionContext context, Throwable throwable) {
        if (throwable.getClass().getName().equals("org.opentest4j.TestAbortedException")) {
            return throwable; // an assumption, not a failure
        }
        ServerHolder holder = existingServer(context);
        if (holder != null) {
            SaveOutcome saved = save(context, holder.server);
            throwable.addSuppressed(FakeSmtpServerReport.of(holder.server, saved.files()));
            if (saved.failure() != null) {
                throwable.addSuppressed(saved.failure());
            }
        }
        return throwable;
    }

    /** Saves the messages of a failed test; a failure to save is reported beside the test's own, never instead. */
    private static SaveOutcome save(ExtensionContext context, FakeSmtpServer server) {
        try {
            return new SaveOutcome(FailedTestMail.save(context, server.messages()), null);
        } catch (IOException | RuntimeException e) {
            return new SaveOutcome(List.of(), new IOException("fake-smtp could not save the test's messages: " + e, e));
        }
    }

    private record SaveOutcome(List<Path> files, IOException failure) {
    }

    // ---- parameter injection ---------------------------------------------------------------------------

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.getParameter().getType() != FakeSmtpServer.class) {
            return false;
        }
        Set<FakeSmtpExtension> registered = registeredExtensions(extensionContext);
        registered.add(this);
        if (registered.size() > 1) {
            throw new ParameterResolutionException("Cannot inject " + describe(parameterContext) + ": "
                    + registered.size() + " fake SMTP servers are registered for " + extensionContext.getDisplayName()
                    + " (by @FakeSmtp and/or @RegisterExtension FakeSmtpExtension fields), so it is ambiguous "
                    + "which one is meant. Reach each server through its FakeSmtpExtension field instead.");
        }
        return true;
    }

    @Override
    public FakeSmtpServer resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        boolean inTest = extensionContext.getTestMethod().isPresent();
        if (!inTest && !perClass(extensionContext)) {
            throw new ParameterResolutionException("Cannot inject " + describe(parameterContext)
                    + ": the fake SMTP server is created fresh for each test, so it does not exist yet while the "
                    + "class is set up. Inject it into the test method or a @BeforeEach method, or share one "
                    + "server per class with " + (programmatic == null
                            ? "@FakeSmtp(lifecycle = FakeSmtp.Lifecycle.PER_CLASS)"
                            : "a static @RegisterExtension field") + ".");
        }
        ServerHolder holder = inTest && !perClass(extensionContext) ? testServer(extensionContext)
                : classServer(extensionContext);
        remember(holder);
        return holder.server;
    }

    private static String describe(ParameterContext parameterContext) {
        Executable executable = parameterContext.getDeclaringExecutable();
        return "parameter [" + parameterContext.getParameter().getType().getSimpleName() + " "
                + parameterContext.getParameter().getName() + "] of "
                + executable.getDeclaringClass().getSimpleName()
                + (executable instanceof java.lang.reflect.Constructor ? " constructor" : "." + executable.getName() + "()");
    }

    // ---- servers in the store --------------------------------------------------------------------------

    private boolean perClass(ExtensionContext context) {
        if (programmatic != null) {
            return context.getTestMethod().isEmpty()
                    || context.getStore(NAMESPACE).get(new ClassScoped(this)) != null;
        }
        return settings(context).lifecycle() == FakeSmtp.Lifecycle.PER_CLASS;
    }

    private ServerSettings settings(ExtensionContext context) {
        if (programmatic != null) {
            return programmatic;
        }
        Class<?> testClass = context.getRequiredTestClass();
        ClassSettings last = lastSettings;
        if (last != null && last.testClass() == testClass) {
            return last.settings();
        }
        ServerSettings found = ServerSettings.DEFAULTS;
        // the class and its superclasses (@Inherited), then enclosing classes for @Nested tests
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<FakeSmtp> annotation = AnnotationSupport.findAnnotation(type, FakeSmtp.class);
            if (annotation.isPresent()) {
                found = ServerSettings.of(annotation.get(), type);
                break;
            }
        }
        lastSettings = new ClassSettings(testClass, found);
        return found;
    }

    /**
     * The server that lives per class: the one already visible from {@code context} when it was started
     * with the same settings (an enclosing class's, for a {@code @Nested} class), else a new one in the store
     * of the class's context.
     */
    private ServerHolder classServer(ExtensionContext context) {
        ExtensionContext classContext = context.getTestMethod().isPresent()
                ? context.getParent().orElseThrow() : context;
        ServerSettings settings = settings(context);
        ServerKey key = new ServerKey(this, settings, FakeSmtp.Lifecycle.PER_CLASS);
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> start(settings, classContext), ServerHolder.class);
    }

    private ServerHolder testServer(ExtensionContext context) {
        ServerSettings settings = settings(context);
        ServerKey key = new ServerKey(this, settings, FakeSmtp.Lifecycle.PER_TEST);
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> start(settings, context), ServerHolder.class);
    }

    /** The server a running test or class uses, without starting one; null when there is none. */
    private ServerHolder existingServer(ExtensionContext context) {
        ServerSettings settings = settings(context);
        boolean inTest = context.getTestMethod().isPresent();
        if (inTest && !perClass(context)) {
            return context.getStore(NAMESPACE).get(new ServerKey(this, settings, FakeSmtp.Lifecycle.PER_TEST),
                    ServerHolder.class);
        }
        return context.getStore(NAMESPACE).get(new ServerKey(this, settings, FakeSmtp.Lifecycle.PER_CLASS),
                ServerHolder.class);
    }

    private static ServerHolder start(ServerSettings settings, ExtensionContext owner) {
        return new ServerHolder(settings.start(owner), settings, owner);
    }

    /**
     * Notes that this extension serves the holder's context, for {@link #supportsParameter}, and makes the
     * server reachable through the handle methods (programmatic form only).
     */
    private void remember(ServerHolder holder) {
        localRegistry(holder.owner).add(this);
        if (programmatic != null) {
            current = holder.server;
        }
    }

    /**
     * The extensions that started a server visible from {@code context}: those of the context itself and of
     * every enclosing one. Used to reject an ambiguous {@link FakeSmtpServer} parameter.
     */
    @SuppressWarnings("unchecked")
    private static Set<FakeSmtpExtension> registeredExtensions(ExtensionContext context) {
        Set<FakeSmtpExtension> all = new java.util.HashSet<>();
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Set<FakeSmtpExtension> local = c.getStore(NAMESPACE).get(new Registry(c), Set.class);
            if (local != null) {
                all.addAll(local);
            }
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Set<FakeSmtpExtension> localRegistry(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(new Registry(context),
                k -> ConcurrentHashMap.<FakeSmtpExtension>newKeySet(), Set.class);
    }

    // ---- the handle (programmatic form) ----------------------------------------------------------------

    /**
     * The server of the running test: for a {@code static} field the class's server, for an instance field
     * the test's own.
     *
     * @return the running server
     * @throws IllegalStateException before JUnit started it, e.g. in a field initialiser
     */
    public FakeSmtpServer server() {
        FakeSmtpServer server = current;
        if (server == null) {
            throw new IllegalStateException("the fake SMTP server is not running yet: JUnit starts it before all "
                    + "tests (static @RegisterExtension field) or before each test (instance field)"
                    + (programmatic == null ? "; with @FakeSmtp, take a FakeSmtpServer parameter instead" : ""));
        }
        return server;
    }

    /**
     * The address clients should connect to.
     *
     * @return {@code 127.0.0.1}
     * @see FakeSmtpServer#host()
     */
    public String host() {
        return server().host();
    }

    /**
     * The port the server listens on.
     *
     * @return the bound port
     * @see FakeSmtpServer#port()
     */
    public int port() {
        return server().port();
    }

    /**
     * All messages received so far in this test, oldest first.
     *
     * @return an immutable snapshot
     * @see FakeSmtpServer#messages()
     */
    public List<ReceivedMessage> messages() {
        return server().messages();
    }

    /**
     * Returns the next message not yet taken, waiting up to {@code timeout} for it.
     *
     * @param timeout how long to wait
     * @return the message
     * @see FakeSmtpServer#takeMessage(Duration)
     */
    public ReceivedMessage takeMessage(Duration timeout) {
        return server().takeMessage(timeout);
    }

    /**
     * Waits until at least {@code count} messages have arrived.
     *
     * @param count how many
     * @param timeout how long to wait
     * @return every message received by then
     * @see FakeSmtpServer#awaitMessages(int, Duration)
     */
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        return server().awaitMessages(count, timeout);
    }

    /**
     * The SMTP transcripts of the sessions so far, AUTH secrets masked.
     *
     * @return one per connection
     * @see FakeSmtpServer#transcripts()
     */
    public List<SessionTranscript> transcripts() {
        return server().transcripts();
    }

    @Override
    public String toString() {
        FakeSmtpServer server = current;
        return "FakeSmtpExtension[" + (server == null ? "not started" : server.host() + ":" + server.port()) + "]";
    }

    /**
     * Configures a {@link FakeSmtpExtension} for a {@code @RegisterExtension} field: the server's options, on
     * the server's own {@link FakeSmtpServer.Builder}, and what the extension adds. Not thread-safe; each
     * method returns this builder.
     */
    public static final class Builder {
        /** The server options, in the order given; none by default. */
        private Consumer<FakeSmtpServer.Builder> server = builder -> { };
        private boolean failOnUnexpectedMail;

        private Builder() {
        }

        /**
         * Sets server options, e.g. {@code server(b -> b.user("app", "s3cret").tls(TlsMode.STARTTLS))}. The
         * extension calls {@code options} on a fresh {@link FakeSmtpServer.Builder} whenever it starts a
         * server (once per class or once per test); further calls add options, applied in order. The
         * server's builder checks them, and an option it refuses fails the tests with an
         * {@link ExtensionConfigurationException}. Transcripts are recorded unless {@code options} turn
         * {@link FakeSmtpServer.Builder#recordTranscripts(boolean) recordTranscripts} off; the failure report
         * shows them.
         *
         * @param options changes to the server's builder
         * @return this builder
         */
        public Builder server(Consumer<FakeSmtpServer.Builder> options) {
            this.server = this.server.andThen(Objects.requireNonNull(options, "options"));
            return this;
        }

        /**
         * Whether a test fails when the server received mail it did not examine, or a fault rule it installed
         * never fired: see {@link FakeSmtp#failOnUnexpectedMail()} for what examines a message.
         *
         * @param fail true to fail
         * @return this builder
         */
        public Builder failOnUnexpectedMail(boolean fail) {
            this.failOnUnexpectedMail = fail;
            return this;
        }

        /**
         * Creates the extension; the server starts when JUnit first uses it.
         *
         * @return the extension, to assign to a {@code @RegisterExtension} field
         */
        public FakeSmtpExtension build() {
            return new FakeSmtpExtension(ServerSettings.programmatic(server, failOnUnexpectedMail));
        }
    }

    /**
     * A server's entry in the store; JUnit closes it when the context that owns it ends, also after failures.
     */
    @SuppressWarnings("deprecation") // CloseableResource for JUnit 5.10-5.12; JUnit 5.13+ and 6 prefer AutoCloseable
    private static final class ServerHolder implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final FakeSmtpServer server;
        final ServerSettings settings;
        final ExtensionContext owner;

        ServerHolder(FakeSmtpServer server, ServerSettings settings, ExtensionContext owner) {
            this.server = server;
            this.settings = settings;
            this.owner = owner;
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private void refuseConcurrentSharing(ExtensionContext context, ServerHolder holder, String what) {
        boolean parallel = context.getConfigurationParameter(PARALLEL_ENABLED).map(Boolean::parseBoolean).orElse(false);
        if (parallel && context.getExecutionMode() == org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT) {
            throw new ExtensionConfigurationException("The fake SMTP server of " + holder.owner.getDisplayName()
                    + " lives per class, but " + what + " may run concurrently with other tests of that class, "
                    + "which would see each other's mail (and the server is emptied before each test). Annotate "
                    + "the class with @Execution(ExecutionMode.SAME_THREAD), or give each test its own server: "
                    + (programmatic == null ? "@FakeSmtp's default lifecycle PER_TEST"
                            : "a non-static @RegisterExtension field") + ".");
        }
    }

    // The keys below spell out equals and hashCode: JUnit hashes and compares them in every callback, and a
    // record's generated methods go through an invokedynamic bootstrap that is slow until the JIT compiles it.

    private record ServerKey(FakeSmtpExtension extension, ServerSettings settings, FakeSmtp.Lifecycle scope) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ServerKey key && key.extension == extension && key.scope == scope
                    && key.settings.equals(settings);
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(extension) * 31 + settings.hashCode()) * 31 + scope.ordinal();
        }
    }

    private record ClassScoped(FakeSmtpExtension extension) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ClassScoped scoped && scoped.extension == extension;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(extension);
        }
    }

    /**
     * The key of one context's own registry: a store lookup falls back to the enclosing contexts' stores, so
     * the key names its context (by identity, which JUnit keeps for a context's whole life).
     */
    private record Registry(ExtensionContext context) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Registry registry && registry.context == context;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(context);
        }
    }

    private record ClassSettings(Class<?> testClass, ServerSettings settings) {
    }
}
