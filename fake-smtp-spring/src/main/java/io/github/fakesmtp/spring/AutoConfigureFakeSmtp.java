package io.github.fakesmtp.spring;

import io.github.fakesmtp.TlsMode;
import io.github.fakesmtp.spring.internal.SpringTestCheck;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the Spring application context of the annotated test class a running
 * {@link io.github.fakesmtp.FakeSmtpServer} on 127.0.0.1 and a free port, and points the application's mail
 * settings at it:
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureFakeSmtp(users = "app:s3cret", authRequired = true)
 * class PasswordResetTest {
 *     @Autowired PasswordResetService service;
 *     @Autowired FakeSmtpServer smtp;          // the context's server, emptied before each test
 *
 *     @Test
 *     void sendsTheResetLink() {
 *         service.requestReset("zoe@example.com");
 *         assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1);
 *     }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>The server starts before the context refreshes, so beans that connect at start-up (and Spring Boot's
 *       {@code spring.mail.test-connection=true}) reach it; it is a bean of type {@code FakeSmtpServer}, and it
 *       is closed when the context is closed.</li>
 *   <li>{@code spring.mail.*} (host, port, protocol, the first user's credentials, AUTH, STARTTLS or SMTPS with
 *       trust in the bundled certificate) and {@code fake-smtp.host}/{@code port}/{@code username}/{@code password}
 *       are set with the highest precedence, and the application's own TLS and AUTH switches that this server
 *       does not match are turned off: {@link SpringMailProperties} lists every key.</li>
 *   <li>One server per application context: test classes with the same configuration (this annotation's
 *       attributes included) share Spring's cached context and its server; a different configuration gets its
 *       own context.</li>
 *   <li>Before each test method the server is {@linkplain io.github.fakesmtp.FakeSmtpServer#reset() reset};
 *       when a test fails, what the server saw is attached to the failure; two tests using one context's
 *       server at the same time are refused with an explanation.</li>
 * </ul>
 *
 * <p>Works with {@code @SpringBootTest}, Boot's test slices, {@code @SpringJUnitConfig} and any other Spring
 * TestContext test. Like Spring's own test annotations it is found on superclasses, on enclosing classes of
 * {@code @Nested} test classes (unless {@code @NestedTestConfiguration(OVERRIDE)} says otherwise) and as a
 * meta-annotation; the nearest one wins, whole.
 *
 * <p>The attributes are those of fake-smtp-junit5's {@code @FakeSmtp}. {@code 0} for a size or count means
 * the server's default; every other value goes to {@link io.github.fakesmtp.FakeSmtpServer.Builder}, and
 * what it refuses fails the context with a message naming the attribute.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SpringTestCheck.class)
public @interface AutoConfigureFakeSmtp {

    /**
     * The port to listen on; 0 (the default) picks a free port. A fixed port can serve only one cached
     * context at a time.
     *
     * @return the port
     */
    int port() default 0;

    /**
     * Users who may log in with AUTH, each as {@code "name:password"} (split at the first colon). Any user
     * turns AUTH on; the first one becomes {@code spring.mail.username}/{@code password}.
     *
     * @return the users
     */
    String[] users() default {};

    /**
     * Whether MAIL needs a successful AUTH first; needs {@link #users()}.
     *
     * @return true to require AUTH
     */
    boolean authRequired() default false;

    /**
     * How the server offers TLS, with the bundled certificate; the application trusts it through
     * {@code spring.mail.properties.*}.
     *
     * @return the TLS mode
     */
    TlsMode tls() default TlsMode.NONE;

    /**
     * Whether MAIL and AUTH need TLS first; needs {@link #tls()} {@code STARTTLS} or {@code SMTPS}.
     *
     * @return true to require TLS
     */
    boolean requireTls() default false;

    /**
     * The largest message accepted, in bytes; 0 (the default) keeps the server's default of 25 MiB.
     *
     * @return the size limit
     */
    long maxMessageSize() default 0;

    /**
     * How many recipients one message may have; 0 (the default) keeps the server's default of 1000.
     *
     * @return the recipient limit
     */
    int maxRecipients() default 0;
}
