package io.github.fakesmtp.example;

import java.util.Properties;

/** The Jakarta Mail session properties for {@link MailSettings}, shared by the clients built on Jakarta Mail. */
final class JakartaMailProperties {

    private JakartaMailProperties() {
    }

    /**
     * The transport protocol: {@code smtps} for implicit TLS, {@code smtp} otherwise.
     *
     * @param settings the settings
     * @return the protocol name
     */
    static String protocol(MailSettings settings) {
        return settings.security() == MailSettings.Security.SMTPS ? "smtps" : "smtp";
    }

    /**
     * Session properties: host, port, timeouts, AUTH, and TLS with the configured trust and host name checks.
     *
     * @param settings the settings
     * @return new properties
     */
    static Properties of(MailSettings settings) {
        String protocol = protocol(settings);
        String prefix = "mail." + protocol + ".";
        String timeout = String.valueOf(settings.timeout().toMillis());
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", protocol);
        // Transport.send(message) picks the transport by address type, not by mail.transport.protocol
        properties.setProperty("mail.transport.protocol.rfc822", protocol);
        properties.setProperty(prefix + "host", settings.host());
        properties.setProperty(prefix + "port", String.valueOf(settings.port()));
        properties.setProperty(prefix + "connectiontimeout", timeout);
        properties.setProperty(prefix + "timeout", timeout);
        properties.setProperty(prefix + "writetimeout", timeout);
        properties.setProperty(prefix + "auth", String.valueOf(settings.hasCredentials()));
        if (settings.security() == MailSettings.Security.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true"); // never fall back to plain text
        }
        if (settings.security() != MailSettings.Security.NONE) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            if (settings.trust() != null) {
                properties.put(prefix + "ssl.socketFactory", settings.trust());
            }
        }
        return properties;
    }
}
