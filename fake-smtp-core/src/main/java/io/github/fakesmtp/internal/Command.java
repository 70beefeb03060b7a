package io.github.fakesmtp.internal;

import io.github.fakesmtp.SmtpCommand;
import io.github.fakesmtp.SmtpPhase;
import java.util.ArrayList;
import java.util.List;

/**
 * The command being handled, as the client sent it: every reply, rejection and fault decision about it is
 * given this value, never a field that something else may have changed. Immutable.
 *
 * @param phase the phase fault rules see it in: the verb's, or {@link SmtpPhase#CONNECT} and
 *     {@link SmtpPhase#END_OF_DATA}, which are not commands
 * @param verb the verb, {@link Verb#UNKNOWN} where there is none
 * @param argument the text after the verb, secrets included (AUTH): {@link #facts} shows only what rules may see
 * @param attemptedUser for AUTH once the credentials are in, the user they name; otherwise null
 */
record Command(SmtpPhase phase, Verb verb, String argument, String attemptedUser) {

    /** The connection is accepted: the greeting is next. */
    static final Command CONNECT = new Command(SmtpPhase.CONNECT, Verb.UNKNOWN, "", null);
    /** No command could be read: a line over its limit, or silence past the idle timeout. */
    static final Command UNREADABLE = new Command(SmtpPhase.OTHER, Verb.UNKNOWN, "", null);

    /** A command line: the verb up to the first space, the argument after it. */
    static Command parse(String line) {
        int space = line.indexOf(' ');
        Verb verb = Verb.of(space < 0 ? line : line.substring(0, space));
        return new Command(verb.phase(), verb, space < 0 ? "" : line.substring(space + 1), null);
    }

    /** The step after the data of this DATA or BDAT LAST command, where the message is accepted or not. */
    Command endOfData() {
        return new Command(SmtpPhase.END_OF_DATA, verb, "", null);
    }

    /** This AUTH command once its credentials were read. */
    Command withAttemptedUser(String user) {
        return new Command(phase, verb, argument, user);
    }

    /**
     * The command as fault rules and rejections see it: its address, and the session's facts. For AUTH the
     * argument is the mechanism only, and the user is the one trying to log in.
     */
    SmtpCommand facts(SessionState session, Transaction transaction) {
        String address = switch (phase) {
            case MAIL -> MailPath.addressOf(argument, "FROM:");
            case RCPT -> MailPath.addressOf(argument, "TO:");
            case DATA, END_OF_DATA -> transaction.sender();
            default -> null;
        };
        String shown = phase == SmtpPhase.AUTH ? words(argument)[0] : argument;
        String user = phase == SmtpPhase.AUTH ? attemptedUser : session.authenticatedUser();
        return new SmtpCommand(phase, shown, address, session.heloName(), user, session.tls(),
                session.connectionIndex());
    }

    /** The space-separated words of an argument; no regular expression on the per-command path. */
    static String[] words(String argument) {
        String text = argument.trim();
        if (text.isEmpty()) {
            return new String[] {""};
        }
        List<String> words = new ArrayList<>(2);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf(' ', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                words.add(text.substring(start, end));
            }
            start = end + 1;
        }
        return words.toArray(new String[0]);
    }
}
