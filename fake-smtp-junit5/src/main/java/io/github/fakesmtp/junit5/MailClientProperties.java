package io.github.fakesmtp.junit5;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.FakeSmtpSslSocketFactory;
import io.github.fakesmtp.FakeSmtpTls;
import io.github.fakesmtp.TlsMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Client configuration that points an application at a {@link FakeSmtpServer}, for apps that read their
 * mail settings rather than take a host and port in code.
 *
 * <p>With Jakarta Mail:
 * <pre>{@code
 * Session session = Session.getInstance(MailClientProperties.jakartaMail(smtp));
 * }</pre>
 *
 * <p>With Spring Boot, from a static {@code @RegisterExtension} field (the server must exist before the
 * application context starts, so it lives per class):
 * <pre>{@code
 * @RegisterExtension
 * static FakeSmtpExtension smtp = FakeSmtpExtension.builder().user("app", "s3cret").build();
 *
 * @DynamicPropertySource
 * static void mailProperties(DynamicPropertyRegistry registry) {
 *     MailClientProperties.springMail(smtp.server(), "app", "s3cret").forEach((key, value) -> registry.add(key, () -> value));
 * }
 * }</pre>
 */
public final class MailClientProperties {

    private static final String TIMEOUT_MILLIS = "10000";

    private MailClientProperties() {
    }

    /**
     * Jakarta Mail (Angus Mail) session properties for the server: host, port and, for STARTTLS or SMTPS,
     * TLS that trusts the server's bundled certificate. Connection, read and write timeouts are set to
     * 10 seconds so that a test can never hang on the client. The properties are for the {@code smtp}
     * protocol, or {@code smtps} when the server speaks SMTPS: {@code mail.transport.protocol} says which,
     * and {@code mail.transport.protocol.rfc822} too, since {@code Transport.send(message)} picks its
     * transport by address type.
     *
     * @param server the server
     * @return new properties for {@code Session.getInstance(..)}
     */
    public static Properties jakartaMail(FakeSmtpServer server) {
        Objects.requireNonNull(server, "server");
        String protocol = server.tlsMode() == TlsMode.SMTPS ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", protocol);
        properties.setProperty("mail.transport.protocol.rfc822", protocol);
        properties.setProperty(prefix + "host", server.host());
        properties.setProperty(prefix + "port", String.valueOf(server.port()));
        properties.setProperty(prefix + "connectiontimeout", TIMEOUT_MILLIS);
        properties.setProperty(prefix + "timeout", TIMEOUT_MILLIS);
        properties.setProperty(prefix + "writetimeout", TIMEOUT_MILLIS);
        if (server.tlsMode() == TlsMode.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (server.tlsMode() != TlsMode.NONE) {
            properties.putAll(FakeSmtpTls.angusMailProperties(protocol));
        }
        return properties;
    }

    /**
     * Like {@link #jakartaMail(FakeSmtpServer)}, and turns on AUTH ({@code mail.smtp.auth}) and sets
     * {@code mail.smtp.user}; pass the password to {@code Transport.send(message, user, password)}.
     *
     * @param server the server
     * @param username the user name the client logs in with
     * @return new properties for {@code Session.getInstance(..)}
     */
    public static Properties jakartaMail(FakeSmtpServer server, String username) {
        Properties properties = jakartaMail(server);
        String prefix = "mail." + properties.getProperty("mail.transport.protocol") + ".";
        properties.setProperty(prefix + "auth", "true");
        properties.setProperty(prefix + "user", Objects.requireNonNull(username, "username"));
        return properties;
    }

    /**
     * Spring Boot's {@code spring.mail.*} properties for the server: host, port, protocol, timeouts and, for
     * STARTTLS or SMTPS, {@code mail.smtp(s).ssl.socketFactory.class} set to
     * {@link io.github.fakesmtp.FakeSmtpSslSocketFactory}, which trusts the bundled certificate and nothing
     * else, with host name checks on. String values only, as {@code @DynamicPropertySource} wants them.
     *
     * @param server the server
     * @return an ordered, modifiable map
     */
    public static Map<String, String> springMail(FakeSmtpServer server) {
        Objects.requireNonNull(server, "server");
        boolean smtps = server.tlsMode() == TlsMode.SMTPS;
        String mailPrefix = "spring.mail.properties.mail." + (smtps ? "smtps" : "smtp") + ".";
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.mail.host", server.host());
        properties.put("spring.mail.port", String.valueOf(server.port()));
        properties.put("spring.mail.protocol", smtps ? "smtps" : "smtp");
        properties.put(mailPrefix + "connectiontimeout", TIMEOUT_MILLIS);
        properties.put(mailPrefix + "timeout", TIMEOUT_MILLIS);
        properties.put(mailPrefix + "writetimeout", TIMEOUT_MILLIS);
        if (server.tlsMode() == TlsMode.STARTTLS) {
            properties.put(mailPrefix + "starttls.enable", "true");
            properties.put(mailPrefix + "starttls.required", "true");
        }
        if (server.tlsMode() != TlsMode.NONE) {
            properties.put(mailPrefix + "ssl.socketFactory.class", FakeSmtpSslSocketFactory.class.getName());
            properties.put(mailPrefix + "ssl.socketFactory.fallback", "false");
            properties.put(mailPrefix + "ssl.checkserveridentity", "true");
        }
        return properties;
    }

    /**
     * Like {@link #springMail(FakeSmtpServer)}, with credentials: {@code spring.mail.username},
     * {@code spring.mail.password} and AUTH turned on.
     *
     * @param server the server
     * @param username the user name
     * @param password the password
     * @return an ordered, modifiable map
     */
    public static Map<String, String> springMail(FakeSmtpServer server, String username, String password) {
        Map<String, String> properties = springMail(server);
        properties.put("spring.mail.username", Objects.requireNonNull(username, "username"));
        properties.put("spring.mail.password", Objects.requireNonNull(password, "password"));
        String protocol = properties.get("spring.mail.protocol");
        properties.put("spring.mail.properties.mail." + protocol + ".auth", "true");
        return properties;
    }
}
