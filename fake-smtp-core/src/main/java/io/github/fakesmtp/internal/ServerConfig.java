package io.github.fakesmtp.internal;

import io.github.fakesmtp.BareLineEndingPolicy;
import io.github.fakesmtp.TlsMode;
import java.net.InetAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Everything a running server needs to know, fixed at start.
 *
 * @param bindAddress the address to listen on
 * @param port the port, 0 for a free one
 * @param serverName the name in the greeting and EHLO reply
 * @param tlsMode how TLS is offered
 * @param sslContext the server's TLS context, or null for the bundled self-signed one
 * @param requireTls whether MAIL and AUTH need TLS first
 * @param credentials who may log in, or {@link Credentials#NONE} for no AUTH
 * @param authRequired whether MAIL needs AUTH first
 * @param maxMessageSize the SIZE limit in octets (RFC 1870)
 * @param maxRecipients how many RCPTs one transaction may have
 * @param maxConnections how many connections may be open at once
 * @param idleTimeout how long a connection may stay silent
 * @param bareLineEndings what to do with bare CR/LF in data
 * @param recordTranscripts whether to keep every session's lines
 */
public record ServerConfig(
        InetAddress bindAddress,
        int port,
        String serverName,
        TlsMode tlsMode,
        SSLContext sslContext,
        boolean requireTls,
        Credentials credentials,
        boolean authRequired,
        long maxMessageSize,
        int maxRecipients,
        int maxConnections,
        Duration idleTimeout,
        BareLineEndingPolicy bareLineEndings,
        boolean recordTranscripts) {

    /** Commands may be at most 512 octets with CRLF (RFC 5321 section 4.5.3.1.4). */
    static final int MAX_COMMAND_OCTETS = 512;
    /** Text lines may be at most 1000 octets with CRLF (RFC 5321 section 4.5.3.1.6). */
    static final int MAX_TEXT_LINE_OCTETS = 1000;
    /** An AUTH command or SASL response may be 12288 octets (RFC 4954 section 4). */
    static final int MAX_AUTH_LINE_OCTETS = 12288;

    /** @return the idle timeout as a socket read timeout */
    int idleTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis());
    }

    boolean authOffered() {
        return credentials != Credentials.NONE;
    }
}
