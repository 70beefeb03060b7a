package io.github.fakesmtp.junit5;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.TlsMode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives every test of the annotated class a running {@link FakeSmtpServer} on 127.0.0.1 and a free port,
 * injected as a parameter:
 *
 * <pre>{@code
 * @FakeSmtp(users = "app:s3cret", authRequired = true)
 * class PasswordResetMailTest {
 *     @Test
 *     void sendsResetLink(FakeSmtpServer smtp) {
 *         mailer(smtp.host(), smtp.port()).send("bob@example.com");
 *         assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1);
 *     }
 * }
 * }</pre>
 *
 * <p>The attributes are the server's own options, set on its {@link FakeSmtpServer.Builder}, which checks
 * them: a value it refuses fails the tests with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} that names the attribute and the
 * class. For options the annotation does not offer, use {@link FakeSmtpExtension#builder()}.
 *
 * <p>The annotation is inherited by subclasses and applies to {@code @Nested} classes. A nested class
 * without its own {@code @FakeSmtp}, or with one equal to its enclosing class's, shares the enclosing class's
 * server when that one lives {@linkplain Lifecycle#PER_CLASS per class}; a nested class with different
 * attributes gets its own server. When a test fails, what the server saw (messages and SMTP transcripts) is
 * attached to the failure.
 *
 * @see FakeSmtpExtension for the programmatic form
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeSmtpExtension.class)
public @interface FakeSmtp {

    /**
     * The port to listen on; 0 (the default) picks a free port. A fixed port cannot be shared by tests that
     * run in parallel.
     *
     * @return the port, 0 to 65535
     * @see FakeSmtpServer.Builder#port(int)
     */
    int port() default 0;

    /**
     * Users who may log in with AUTH, each as {@code "name:password"} (split at the first colon). Any user
     * turns AUTH on.
     *
     * @return the users
     * @see FakeSmtpServer.Builder#users(String...)
     */
    String[] users() default {};

    /**
     * Whether MAIL needs a successful AUTH first; needs {@link #users()}.
     *
     * @return true to require AUTH
     * @see FakeSmtpServer.Builder#authRequired(boolean)
     */
    boolean authRequired() default false;

    /**
     * How the server offers TLS, with the bundled certificate ({@link FakeSmtpServer#clientSslContext()}
     * trusts it).
     *
     * @return the TLS mode
     * @see FakeSmtpServer.Builder#tls(TlsMode)
     */
    TlsMode tls() default TlsMode.NONE;

    /**
     * Whether MAIL and AUTH need TLS first; needs {@link #tls()} {@code STARTTLS} or {@code SMTPS}.
     *
     * @return true to require TLS
     * @see FakeSmtpServer.Builder#requireTls(boolean)
     */
    boolean requireTls() default false;

    /**
     * The largest message accepted, in bytes. 0 (the default) keeps the server's default; any other value
     * goes to the server, which refuses one below 1.
     *
     * @return the size limit, or 0
     * @see FakeSmtpServer.Builder#maxMessageSize(long)
     */
    long maxMessageSize() default 0;

    /**
     * How many recipients one message may have. 0 (the default) keeps the server's default; any other value
     * goes to the server, which refuses one below 1.
     *
     * @return the recipient limit, or 0
     * @see FakeSmtpServer.Builder#maxRecipients(int)
     */
    int maxRecipients() default 0;

    /**
     * Whether each test gets a fresh server (the default) or all tests of the class share one, emptied
     * before each test.
     *
     * @return the lifecycle
     */
    Lifecycle lifecycle() default Lifecycle.PER_TEST;

    /**
     * Whether a test that passed fails afterwards when the server received a message the test never
     * examined, or when a fault rule the test installed never fired
     * ({@link FakeSmtpServer#unfiredFaults()}), like WireMock's
     * {@code failOnUnmatchedRequests}. Off by default.
     *
     * <p>A message is <em>examined</em> when
     * <ul>
     *   <li>{@link FakeSmtpServer#takeMessage takeMessage} or
     *       {@link FakeSmtpServer#awaitMessages awaitMessages} returned it, or</li>
     *   <li>it is the subject of an assertion of {@link io.github.fakesmtp.assertj.FakeSmtpAssertions} that
     *       ran, passing or failing: any check of a message ({@code hasSubject}, {@code hasTo},
     *       {@code satisfies} …) examines that message; a counting check ({@code hasReceivedExactly},
     *       {@code hasReceivedAtLeast}, {@code messagesTo(..).hasSize}) examines every message it counted;
     *       {@code hasReceivedMessageMatching} examines the messages that matched.</li>
     * </ul>
     * Nothing else examines a message: not {@link FakeSmtpServer#messages() messages()},
     * not choosing one ({@code firstMessage()}, {@code messageAt(i)}, {@code singleMessage()}) or creating an
     * assertion without checking anything, and not the waiting of {@code awaitingAtMost(..)}.
     *
     * @return true to fail on unexpected mail
     */
    boolean failOnUnexpectedMail() default false;

    /** How long a server lives. */
    enum Lifecycle {
        /** A fresh server for every test: the safest choice, and cheap: a server binds one port and starts one thread. */
        PER_TEST,
        /**
         * One server for all tests of the class (and its nested classes), emptied with
         * {@link FakeSmtpServer#reset()} before each test. Its tests must not run
         * concurrently with each other; the extension refuses that with an explanation.
         */
        PER_CLASS
    }
}
