package io.github.fakesmtp;

import io.github.fakesmtp.internal.BundledTls;
import java.security.KeyStore;
import java.util.Properties;
import javax.net.ssl.SSLContext;

/**
 * Client-side trust for the self-signed certificate every fake-smtp server uses unless given its own. The
 * certificate names {@code localhost}, {@code 127.0.0.1} and {@code ::1}, so host name checks pass.
 *
 * <p>Its private key ships in the jar: trust it in tests only, never in production code.
 */
public final class FakeSmtpTls {

    private FakeSmtpTls() {
    }

    /**
     * A TLS context that trusts the fake-smtp certificate and nothing else.
     *
     * @return a shared, initialised context
     */
    public static SSLContext clientSslContext() {
        return BundledTls.clientContext();
    }

    /**
     * A trust store holding the fake-smtp certificate, for clients configured with a {@link KeyStore}.
     *
     * @return a new PKCS12 key store with one trusted certificate
     */
    public static KeyStore trustStore() {
        return BundledTls.trustStore();
    }

    /**
     * The fake-smtp certificate in PEM form, for non-Java clients: {@code curl --cacert}, Python's
     * {@code ssl.create_default_context(cadata=...)}, {@code swaks --tls-ca-path}.
     *
     * @return the PEM text
     */
    public static String certificatePem() {
        return BundledTls.certificatePem();
    }

    /**
     * Jakarta Mail properties that make an Angus Mail {@code smtp} or {@code smtps} transport trust the
     * fake-smtp certificate, with host name checking on.
     *
     * @param protocol {@code smtp} (for STARTTLS) or {@code smtps}
     * @return properties to add to the {@code Session}'s
     */
    public static Properties angusMailProperties(String protocol) {
        Properties properties = new Properties();
        properties.put("mail." + protocol + ".ssl.socketFactory", clientSslContext().getSocketFactory());
        properties.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        return properties;
    }
}
