package io.github.fakesmtp.spring.internal;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.FakeSmtpSslSocketFactory;
import io.github.fakesmtp.TlsMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one place that knows which Spring properties point an application at a fake-smtp server (the README's
 * property table lists the same keys). {@link #fixed()} describes the server and must win over everything the
 * application configures; {@link #defaults()} are client timeouts that apply only where the application sets
 * none, so that a test never hangs yet an application's own timeouts are what its tests exercise.
 *
 * @param fixed the keys that describe the server, in the order the README lists them
 * @param defaults timeouts for applications that set none
 */
public record MailProperties(Map<String, String> fixed, Map<String, String> defaults) {

    private static final String TIMEOUT_MILLIS = "10000";

    /**
     * Copies the maps, keeping their order.
     *
     * @param fixed the keys that describe the server
     * @param defaults the fallback timeouts
     */
    public MailProperties {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    /**
     * The properties for a server, logging in as {@code username} or, with {@code null}, not at all.
     *
     * @param server the running server
     * @param username the user name, or null for no AUTH
     * @param password the password; ignored without a user name
     * @return the properties
     */
    public static MailProperties of(FakeSmtpServer server, String username, String password) {
        Objects.requireNonNull(server, "server");
        boolean auth = username != null;
        String user = auth ? username : "";
        String secret = auth ? Objects.requireNonNull(password, "password") : "";
        TlsMode tls = server.tlsMode();
        String protocol = tls == TlsMode.SMTPS ? "smtps" : "smtp";
        String mail = "spring.mail.properties.mail." + protocol + ".";
        String port = String.valueOf(server.port());

        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put("spring.mail.host", server.host());
        fixed.put("spring.mail.port", port);
        fixed.put("spring.mail.protocol", protocol);
        fixed.put("spring.mail.username", user);   // empty: Spring's JavaMailSenderImpl then sends no credentials
        fixed.put("spring.mail.password", secret);
        fixed.put(mail + "auth", String.valueOf(auth));
        fixed.put(mail + "starttls.enable", String.valueOf(tls == TlsMode.STARTTLS));
        fixed.put(mail + "starttls.required", String.valueOf(tls == TlsMode.STARTTLS));
        fixed.put(mail + "ssl.enable", String.valueOf(tls == TlsMode.SMTPS));
        // empty: no plain-socket factory, e.g. a production javax.net.ssl.SSLSocketFactory for port 465
        fixed.put(mail + "socketFactory.class", "");
        if (tls != TlsMode.NONE) {
            fixed.put(mail + "ssl.socketFactory.class", FakeSmtpSslSocketFactory.class.getName());
            fixed.put(mail + "ssl.checkserveridentity", "true");
        }
        if (tls == TlsMode.SMTPS) {
            fixed.put(mail + "ssl.socketFactory.port", port);
        }
        fixed.put("fake-smtp.host", server.host());
        fixed.put("fake-smtp.port", port);
        fixed.put("fake-smtp.username", user);
        fixed.put("fake-smtp.password", secret);

        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(mail + "connectiontimeout", TIMEOUT_MILLIS);
        defaults.put(mail + "timeout", TIMEOUT_MILLIS);
        defaults.put(mail + "writetimeout", TIMEOUT_MILLIS);
        return new MailProperties(fixed, defaults);
    }

    /**
     * Every key, the server's and the timeouts, for a single property source such as a
     * {@code @DynamicPropertySource}.
     *
     * @return an ordered, modifiable map
     */
    public Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>(fixed);
        all.putAll(defaults);
        return all;
    }
}
