package io.github.fakesmtp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The self-signed certificate shipped in the jar, for localhost, 127.0.0.1 and ::1, valid for a hundred
 * years. Its private key is public knowledge: it is for tests, never for a real server. Loaded on first use
 * only, so servers without TLS pay nothing for it.
 */
public final class BundledTls {

    private static final String KEYSTORE = "fake-smtp.p12";
    private static final String CERTIFICATE_PEM = "fake-smtp-ca.pem";
    private static final char[] PASSWORD = "fake-smtp".toCharArray();
    private static final String ALIAS = "fake-smtp";

    private BundledTls() {
    }

    /** @return the server-side context holding the bundled key */
    public static SSLContext serverContext() {
        return Holder.SERVER;
    }

    /** @return a client context that trusts the bundled certificate (and nothing else) */
    public static SSLContext clientContext() {
        return Holder.CLIENT;
    }

    /** @return a new PKCS12 trust store holding the bundled certificate */
    public static KeyStore trustStore() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, Holder.CERTIFICATE);
            return trust;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the fake-smtp trust store", e);
        }
    }

    /** @return the bundled certificate in PEM form, for {@code curl --cacert} or Python's ssl module */
    public static String certificatePem() {
        try (InputStream in = resource(CERTIFICATE_PEM)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = BundledTls.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("the fake-smtp jar is missing " + name);
        }
        return in;
    }

    private static final class Holder {
        static final KeyStore KEYS = load();
        static final Certificate CERTIFICATE = certificate();
        static final SSLContext SERVER = server();
        static final SSLContext CLIENT = client();

        private static KeyStore load() {
            try (InputStream in = resource(KEYSTORE)) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(in, PASSWORD);
                return keys;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot load the bundled fake-smtp key store", e);
            }
        }

        private static Certificate certificate() {
            try {
                return KEYS.getCertificate(ALIAS);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static SSLContext server() {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(KEYS, PASSWORD);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(kmf.getKeyManagers(), null, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot create the fake-smtp server TLS context", e);
            }
        }

        private static SSLContext client() {
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, tmf.getTrustManagers(), null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot create the fake-smtp client TLS context", e);
            }
        }
    }
}
