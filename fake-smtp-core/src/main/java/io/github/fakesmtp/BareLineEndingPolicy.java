package io.github.fakesmtp;

/**
 * What the server does with a bare LF or a bare CR (one not part of a CRLF pair) inside message data.
 *
 * <p>Whatever the policy, only {@code CRLF.CRLF} ends DATA (RFC 5321 section 4.1.1.4): {@code LF.LF},
 * {@code CR.CR} and their mixes are message content, so a client can never smuggle a second message
 * into one transaction.
 */
public enum BareLineEndingPolicy {
    /**
     * Keep the bytes exactly as sent and record it: {@link ReceivedMessage#hasBareLineEndings()} is then
     * {@code true}. The default, so that a test sees what its client really sends.
     */
    ACCEPT,
    /**
     * Refuse the message, as Postfix does with {@code smtpd_forbid_bare_newline = reject}: the data is read
     * to its end, then the server replies {@code 521 5.5.2} and closes the connection. Nothing is captured.
     */
    REJECT
}
