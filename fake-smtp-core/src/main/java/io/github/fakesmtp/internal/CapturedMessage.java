package io.github.fakesmtp.internal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * The facts of one accepted mail transaction, as the session saw them.
 *
 * @param sender the reverse-path, empty for the null sender {@code <>}
 * @param recipients the forward-paths in RCPT order
 * @param bytes the message as received, after dot-unstuffing
 * @param heloName the EHLO/HELO argument
 * @param authenticatedUser who logged in with AUTH, or null
 * @param tls whether the transaction ran over TLS
 * @param clientAddress the client's address
 * @param receivedAt when the end of data was received
 * @param connectionIndex the connection's number on this server, from 1
 * @param indexInConnection the message's number within its connection, from 1
 * @param smtpUtf8 whether MAIL carried SMTPUTF8 (RFC 6531)
 * @param bodyType the MAIL BODY parameter (RFC 6152), {@code 7BIT} when absent
 * @param bareLineEndings whether the data held a bare CR or LF
 * @param chunked whether the message came with BDAT (RFC 3030) rather than DATA
 * @param transcript the session's transcript up to this message, or an empty list when not recorded
 */
public record CapturedMessage(
        String sender,
        List<String> recipients,
        MessageBytes bytes,
        String heloName,
        String authenticatedUser,
        boolean tls,
        InetSocketAddress clientAddress,
        Instant receivedAt,
        int connectionIndex,
        int indexInConnection,
        boolean smtpUtf8,
        String bodyType,
        boolean bareLineEndings,
        boolean chunked,
        List<String> transcript) {
}
