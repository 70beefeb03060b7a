package io.github.fakesmtp;

/** How the server offers TLS to its clients. */
public enum TlsMode {
    /** Plain SMTP only; STARTTLS is not advertised (RFC 3207 section 4: the command then gets 502). */
    NONE,
    /** Plain connection that clients may upgrade with STARTTLS (RFC 3207). */
    STARTTLS,
    /** Implicit TLS ("SMTPS", RFC 8314 section 3.3): the TLS handshake comes before the 220 greeting. */
    SMTPS
}
