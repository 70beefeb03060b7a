package io.github.fakesmtp.internal;

import static io.github.fakesmtp.internal.Precondition.AUTHENTICATED;
import static io.github.fakesmtp.internal.Precondition.AUTH_ENABLED;
import static io.github.fakesmtp.internal.Precondition.EHLO_SENT;
import static io.github.fakesmtp.internal.Precondition.HELLO_SENT;
import static io.github.fakesmtp.internal.Precondition.MAIL_GIVEN;
import static io.github.fakesmtp.internal.Precondition.NOT_AUTHENTICATED;
import static io.github.fakesmtp.internal.Precondition.NOT_CHUNKING;
import static io.github.fakesmtp.internal.Precondition.NOT_ENCRYPTED;
import static io.github.fakesmtp.internal.Precondition.NO_MAIL_YET;
import static io.github.fakesmtp.internal.Precondition.NO_TRANSACTION;
import static io.github.fakesmtp.internal.Precondition.RCPT_GIVEN;
import static io.github.fakesmtp.internal.Precondition.SERVICE;
import static io.github.fakesmtp.internal.Precondition.STARTTLS_ENABLED;
import static io.github.fakesmtp.internal.Precondition.TLS_FOR_AUTH;
import static io.github.fakesmtp.internal.Precondition.TLS_FOR_MAIL;

import io.github.fakesmtp.SmtpPhase;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verb table: every command the server knows, declared once with the phase fault rules see it in, its
 * syntax (the HELP line and the text of its 501 reply) and the preconditions that must hold before it is
 * acted on. {@link SmtpSession} has one handler per verb; {@link Precondition#firstUnmet} decides the 503,
 * 530 and 538 refusals for all of them. HELP and EHLO list a verb only where it is offered (RFC 5321
 * section 4.1.1.8, RFC 1869).
 */
enum Verb {
    EHLO(SmtpPhase.EHLO, "EHLO hostname", SERVICE),
    HELO(SmtpPhase.EHLO, "HELO hostname", SERVICE),
    /** RFC 3207. */
    STARTTLS(SmtpPhase.STARTTLS, "STARTTLS", SERVICE, STARTTLS_ENABLED, NOT_ENCRYPTED),
    /** RFC 4954 section 4. */
    AUTH(SmtpPhase.AUTH, "AUTH mechanism [initial-response]",
            SERVICE, AUTH_ENABLED, EHLO_SENT, NOT_AUTHENTICATED, NO_TRANSACTION, TLS_FOR_AUTH),
    /** RFC 5321 section 4.1.1.2. */
    MAIL(SmtpPhase.MAIL, "MAIL FROM:<address>", SERVICE, HELLO_SENT, TLS_FOR_MAIL, AUTHENTICATED, NO_MAIL_YET),
    /** RFC 5321 section 4.1.1.3. */
    RCPT(SmtpPhase.RCPT, "RCPT TO:<address>", SERVICE, MAIL_GIVEN),
    /** RFC 5321 section 4.1.1.4. */
    DATA(SmtpPhase.DATA, "DATA", SERVICE, NOT_CHUNKING, MAIL_GIVEN, RCPT_GIVEN),
    /** RFC 3030 section 2. */
    BDAT(SmtpPhase.DATA, "BDAT size [LAST]", SERVICE, MAIL_GIVEN, RCPT_GIVEN),
    RSET(SmtpPhase.RSET, "RSET", SERVICE),
    NOOP(SmtpPhase.OTHER, "NOOP [ignored]", SERVICE),
    /** Served even after a refused greeting (RFC 5321 section 3.1). */
    QUIT(SmtpPhase.QUIT, "QUIT"),
    VRFY(SmtpPhase.OTHER, "VRFY address", SERVICE),
    HELP(SmtpPhase.OTHER, "HELP [command]", SERVICE),
    /** Known, never offered: answered 502 (RFC 5321 section 3.5.3 allows not implementing it). */
    EXPN(SmtpPhase.OTHER, null, SERVICE),
    /** Any word that is not a verb above, and the empty line. */
    UNKNOWN(SmtpPhase.OTHER, null, SERVICE);

    private static final Map<String, Verb> BY_NAME = new HashMap<>();

    static {
        for (Verb verb : values()) {
            if (verb != UNKNOWN) {
                BY_NAME.put(verb.name(), verb);
            }
        }
    }

    private final SmtpPhase phase;
    private final String syntax;
    private final List<Precondition> preconditions;

    Verb(SmtpPhase phase, String syntax, Precondition... preconditions) {
        this.phase = phase;
        this.syntax = syntax;
        this.preconditions = List.of(preconditions);
    }

    /** The verb a command word names, in any case (RFC 5321 section 2.4); {@link #UNKNOWN} for any other word. */
    static Verb of(String word) {
        Verb verb = BY_NAME.get(word.toUpperCase(Locale.ROOT));
        return verb == null ? UNKNOWN : verb;
    }

    /** The phase fault rules and rejections see this verb in. */
    SmtpPhase phase() {
        return phase;
    }

    /** What must hold before the verb is acted on, in the order they are checked. */
    List<Precondition> preconditions() {
        return preconditions;
    }

    /** The text of a 501 reply, e.g. {@code Syntax: MAIL FROM:<address>}. */
    String usage() {
        return "Syntax: " + syntax;
    }

    /**
     * Whether the server offers the verb on this connection: it has a syntax, and every precondition about
     * what is offered holds (no STARTTLS without TLS or once TLS is on, no AUTH without users or before a
     * required TLS). HELP lists exactly these; EHLO advertises STARTTLS and AUTH by the same test.
     */
    boolean isOffered(ServerConfig config, SessionState session) {
        if (syntax == null) {
            return false;
        }
        for (Precondition precondition : preconditions) {
            if (!precondition.isOffered(config, session)) {
                return false;
            }
        }
        return true;
    }

    /** The reply to HELP (RFC 5321 section 4.1.1.8): the offered verbs, or the syntax of one of them. */
    static String help(String argument, ServerConfig config, SessionState session) {
        Verb asked = of(argument.trim());
        if (asked.isOffered(config, session)) {
            return asked.usage();
        }
        StringBuilder text = new StringBuilder("Commands:");
        for (Verb verb : values()) {
            if (verb.isOffered(config, session)) {
                text.append(' ').append(verb.name());
            }
        }
        return text.toString();
    }
}
