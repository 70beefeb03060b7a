package io.github.fakesmtp;

import java.util.Objects;
import java.util.Properties;

/**
 * Jakarta Mail (Angus Mail) session properties that point a client at a {@link FakeSmtpServer}, for code that
 * builds its {@code Session} from properties rather than taking a host and port:
 * <pre>{@code
 * Session session = Session.getInstance(MailClientProperties.jakartaMail(smtp, "app"));
 * Transport.send(message, "app", "s3cret");
 * }</pre>
 * Spring's {@code spring.mail.*} properties come from {@code io.github.fakesmtp.spring.SpringMailProperties}
 * in fake-smtp-spring, or are set for you by its {@code @AutoConfigureFakeSmtp}.
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
}
