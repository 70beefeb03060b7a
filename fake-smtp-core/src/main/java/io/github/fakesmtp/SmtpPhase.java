package io.github.fakesmtp;

/** The steps of an SMTP session that fault rules attach to and that rejections are recorded for. */
public enum SmtpPhase {
    /** The connection is accepted, before the 220 greeting (RFC 5321 section 3.1). */
    CONNECT,
    /** EHLO or HELO (RFC 5321 section 4.1.1.1). */
    EHLO,
    /** STARTTLS (RFC 3207). */
    STARTTLS,
    /** AUTH (RFC 4954): rules are applied once the client has sent its credentials, so they know the user. */
    AUTH,
    /** MAIL FROM (RFC 5321 section 4.1.1.2). */
    MAIL,
    /** RCPT TO (RFC 5321 section 4.1.1.3). */
    RCPT,
    /** DATA, the step answered with 354, and each BDAT command (RFC 3030) before its chunk is stored. */
    DATA,
    /** The reply after the final dot of DATA or after BDAT LAST: the step that decides whether mail is captured. */
    END_OF_DATA,
    /** RSET (RFC 5321 section 4.1.1.5). */
    RSET,
    /** QUIT (RFC 5321 section 4.1.1.10). */
    QUIT,
    /** Any other command: NOOP, VRFY, EXPN, HELP and commands the server does not know. */
    OTHER
}
