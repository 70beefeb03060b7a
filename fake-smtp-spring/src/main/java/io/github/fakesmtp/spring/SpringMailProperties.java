package io.github.fakesmtp.spring;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.spring.internal.MailProperties;
import java.util.Map;
import java.util.Objects;

/**
 * The Spring properties that point an application at a {@link FakeSmtpServer}: what
 * {@link AutoConfigureFakeSmtp} sets for you, for tests that manage the server themselves:
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void mail(DynamicPropertyRegistry registry) {
 *     SpringMailProperties.of(server, "app", "s3cret").forEach((key, value) -> registry.add(key, () -> value));
 * }
 * }</pre>
 *
 * <p>For protocol {@code smtp} ({@code smtps} for an SMTPS server; {@code P} stands for
 * {@code spring.mail.properties.mail.<protocol>.}):
 * <ul>
 *   <li>{@code spring.mail.host}, {@code spring.mail.port}, {@code spring.mail.protocol};</li>
 *   <li>{@code spring.mail.username}, {@code spring.mail.password}, {@code P.auth}: the credentials and
 *       {@code true}, or empty and {@code false} without them;</li>
 *   <li>{@code P.starttls.enable}, {@code P.starttls.required}: {@code true} for a STARTTLS server, else
 *       {@code false}; {@code P.ssl.enable}: {@code true} for SMTPS only; {@code P.socketFactory.class}: empty;</li>
 *   <li>with TLS, {@code P.ssl.socketFactory.class} = {@link io.github.fakesmtp.FakeSmtpSslSocketFactory}
 *       (trusts the bundled certificate and nothing else) and {@code P.ssl.checkserveridentity} =
 *       {@code true}; for SMTPS also {@code P.ssl.socketFactory.port};</li>
 *   <li>{@code fake-smtp.host}, {@code fake-smtp.port}, {@code fake-smtp.username}, {@code fake-smtp.password},
 *       for applications with their own property names ({@code app.mail.port=${fake-smtp.port}});</li>
 *   <li>{@code P.connectiontimeout}, {@code P.timeout}, {@code P.writetimeout}: 10 seconds. With
 *       {@code @AutoConfigureFakeSmtp} these apply only when the application sets none; every other key
 *       overrides the application's own value.</li>
 * </ul>
 * The values are strings, as property sources hold them.
 */
public final class SpringMailProperties {

    private SpringMailProperties() {
    }

    /**
     * The properties for a client that does not log in: AUTH off, empty credentials.
     *
     * @param server the running server
     * @return an ordered, modifiable map
     */
    public static Map<String, String> of(FakeSmtpServer server) {
        return MailProperties.of(server, null, null).all();
    }

    /**
     * The properties for a client that logs in as {@code username}.
     *
     * @param server the running server
     * @param username the user name
     * @param password the password
     * @return an ordered, modifiable map
     */
    public static Map<String, String> of(FakeSmtpServer server, String username, String password) {
        return MailProperties.of(server, Objects.requireNonNull(username, "username"),
                Objects.requireNonNull(password, "password")).all();
    }
}
