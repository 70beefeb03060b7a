package io.github.fakesmtp.internal;

import io.github.fakesmtp.SmtpReply;
import io.github.fakesmtp.TlsMode;

/**
 * What must hold before the server acts on a verb, each with the reply that refuses the verb when it does
 * not: the one place where the 502, 503, 530, 538 and 554 refusals of out-of-order or not-offered commands
 * are decided. {@link Verb} lists which verbs need which, in the order they are checked. The first group is
 * about what the server offers at all, which is also what HELP and EHLO show.
 */
enum Precondition {

    // What the server offers on this connection.
    /** RFC 3207: STARTTLS only where it is configured. */
    STARTTLS_ENABLED(502, "5.5.1", "Error: command not implemented"),
    /** RFC 3207 section 4.2: one TLS layer per connection; after it STARTTLS is no longer offered. */
    NOT_ENCRYPTED(554, "5.5.1", "Error: TLS already active"),
    /** RFC 4954: AUTH only where users (or an authenticator) are configured. */
    AUTH_ENABLED(503, "5.5.1", "Error: authentication not enabled"),
    /** RFC 4954 section 6: with TLS required, AUTH is offered, and answered, only over TLS. */
    TLS_FOR_AUTH(538, "5.7.11", "Encryption required for requested authentication mechanism"),

    // Where the session is.
    /** RFC 5321 section 3.1: after a negative greeting other than 421, only QUIT is served. */
    SERVICE(503, "5.5.1", "Error: no SMTP service here, send QUIT"),
    /** RFC 5321 section 4.1.4: a mail transaction needs HELO or EHLO first. */
    HELLO_SENT(503, "5.5.1", "Error: send HELO/EHLO first"),
    /** RFC 4954 section 4: AUTH is a service extension, so EHLO, not HELO. */
    EHLO_SENT(503, "5.5.1", "Error: send EHLO first"),
    /** RFC 3207 section 4: with TLS required, no mail transaction before STARTTLS. */
    TLS_FOR_MAIL(530, "5.7.0", "Must issue a STARTTLS command first"),
    /** RFC 4954 section 6: with AUTH required, no mail transaction before a successful AUTH. */
    AUTHENTICATED(530, "5.7.0", "Authentication required"),
    /** RFC 4954 section 4: one successful AUTH per session. */
    NOT_AUTHENTICATED(503, "5.5.1", "Error: already authenticated"),
    /** RFC 4954 section 4: no AUTH during a mail transaction. */
    NO_TRANSACTION(503, "5.5.1", "Error: MAIL transaction in progress"),
    /** RFC 5321 section 4.1.4: MAIL starts a transaction; a second one needs RSET or the end of the first. */
    NO_MAIL_YET(503, "5.5.1", "Error: nested MAIL command"),
    /** RFC 5321 section 4.1.4: RCPT, DATA and BDAT need MAIL first. */
    MAIL_GIVEN(503, "5.5.1", "Error: need MAIL command"),
    /** RFC 5321 section 4.1.1.4: the data needs a recipient. */
    RCPT_GIVEN(503, "5.5.1", "Error: need RCPT command"),
    /** RFC 3030 section 2: BDAT and DATA are not mixed in one transaction. */
    NOT_CHUNKING(503, "5.5.1", "Error: BDAT transaction in progress");

    private final SmtpReply refusal;

    Precondition(int code, String enhancedCode, String text) {
        this.refusal = SmtpReply.of(code, enhancedCode, text);
    }

    /**
     * Checks the preconditions of {@code verb} in order.
     *
     * @return the refusal of the first that does not hold, or null when the verb may be acted on
     */
    static SmtpReply firstUnmet(Verb verb, ServerConfig config, SessionState session, Transaction transaction) {
        for (Precondition precondition : verb.preconditions()) {
            if (!precondition.isMet(config, session, transaction)) {
                return precondition.refusal;
            }
        }
        return null;
    }

    /** For the preconditions about what the server offers, whether it does; true for all others. */
    boolean isOffered(ServerConfig config, SessionState session) {
        return switch (this) {
            case STARTTLS_ENABLED -> config.tlsMode() == TlsMode.STARTTLS;
            case NOT_ENCRYPTED -> !session.tls();
            case AUTH_ENABLED -> config.authOffered();
            case TLS_FOR_AUTH -> session.tls() || !config.requireTls();
            default -> true;
        };
    }

    private boolean isMet(ServerConfig config, SessionState session, Transaction transaction) {
        return switch (this) {
            case STARTTLS_ENABLED, NOT_ENCRYPTED, AUTH_ENABLED, TLS_FOR_AUTH -> isOffered(config, session);
            case SERVICE -> !session.greetingRefused();
            case HELLO_SENT -> session.heloName() != null;
            case EHLO_SENT -> session.esmtp();
            case TLS_FOR_MAIL -> session.tls() || !config.requireTls();
            case AUTHENTICATED -> session.authenticatedUser() != null || !config.authRequired();
            case NOT_AUTHENTICATED -> session.authenticatedUser() == null;
            case NO_TRANSACTION, NO_MAIL_YET -> !transaction.started();
            case MAIL_GIVEN -> transaction.started();
            case RCPT_GIVEN -> transaction.hasRecipients();
            case NOT_CHUNKING -> !transaction.chunking();
        };
    }
}
