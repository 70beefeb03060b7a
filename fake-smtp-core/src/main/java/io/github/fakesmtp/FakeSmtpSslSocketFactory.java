package io.github.fakesmtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * An {@link SSLSocketFactory} that trusts the fake-smtp certificate and nothing else, for clients that take a
 * factory by class name, such as Angus Mail's {@code mail.smtp.ssl.socketFactory.class} in Spring's
 * {@code spring.mail.properties.*}. Host names are still checked by the client. Tests only.
 */
public final class FakeSmtpSslSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate = FakeSmtpTls.clientSslContext().getSocketFactory();

    /** Creates a factory; clients that load it by class name call {@link #getDefault()}. */
    public FakeSmtpSslSocketFactory() {
        // the delegate is all it needs
    }

    /**
     * The factory a client gets when it loads this class by name.
     *
     * @return a new factory trusting the fake-smtp certificate
     */
    public static SocketFactory getDefault() {
        return new FakeSmtpSslSocketFactory();
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return delegate.createSocket();
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return delegate.createSocket(socket, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return delegate.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return delegate.createSocket(address, port, localAddress, localPort);
    }
}
