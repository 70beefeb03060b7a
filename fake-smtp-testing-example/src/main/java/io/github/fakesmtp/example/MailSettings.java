package io.github.fakesmtp.example;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where and how the application sends mail, as it would read it from its configuration.
 *
 * @param host the SMTP server
 * @param port its port
 * @param username the login, or {@code null} to send without AUTH
 * @param password the password for {@code username}
 * @param security plain, STARTTLS or implicit TLS
 * @param trust the TLS socket factory whose trust store decides which server certificates are accepted, or
 *     {@code null} for the JVM's default trust store; host names are always checked
 * @param timeout the limit for connecting and for each read and write
 */
public record MailSettings(String host, int port, String username, String password, Security security,
        SSLSocketFactory trust, Duration timeout) {

    /** How the connection to the server is protected. */
    public enum Security {
        /** Plain SMTP, for a relay on the local network. */
        NONE,
        /** SMTP upgraded with STARTTLS, which must succeed (port 587 in production). */
        STARTTLS,
        /** TLS from the first byte, "SMTPS" (port 465 in production). */
        SMTPS
    }

    /** Validates the settings. */
    public MailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(timeout, "timeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("username and password go together");
        }
    }

    /**
     * Plain SMTP without login, with a 30-second timeout.
     *
     * @param host the server
     * @param port the port
     * @return the settings
     */
    public static MailSettings of(String host, int port) {
        return new MailSettings(host, port, null, null, Security.NONE, null, Duration.ofSeconds(30));
    }

    /**
     * These settings, logging in as {@code username}.
     *
     * @param username the login
     * @param password the password
     * @return new settings
     */
    public MailSettings withCredentials(String username, String password) {
        return new MailSettings(host, port, username, password, security, trust, timeout);
    }

    /**
     * These settings, protected with TLS that trusts what {@code trust} trusts.
     *
     * @param security STARTTLS or SMTPS
     * @param trust the socket factory, or {@code null} for the JVM's default trust store
     * @return new settings
     */
    public MailSettings withSecurity(Security security, SSLSocketFactory trust) {
        return new MailSettings(host, port, username, password, security, trust, timeout);
    }

    /**
     * These settings with another connect/read/write timeout.
     *
     * @param timeout the timeout
     * @return new settings
     */
    public MailSettings withTimeout(Duration timeout) {
        return new MailSettings(host, port, username, password, security, trust, timeout);
    }

    /**
     * Whether the application logs in.
     *
     * @return true when a username is set
     */
    public boolean hasCredentials() {
        return username != null;
    }

    /** @return the settings without the password */
    @Override
    public String toString() {
        return "MailSettings[" + host + ":" + port + ", " + security + (username != null ? ", user " + username : "")
                + ", timeout " + timeout + "]";
    }
}
