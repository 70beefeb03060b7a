package io.github.fakesmtp;

/**
 * A command as fault rules see it, with the session facts a condition may test. AUTH secrets never appear:
 * for {@link SmtpPhase#AUTH} the argument is the mechanism only. Immutable.
 *
 * @param phase the step of the session
 * @param argument the text after the command verb, e.g. {@code FROM:<a@example.com> SIZE=100}; empty for
 *     {@link SmtpPhase#CONNECT} and {@link SmtpPhase#END_OF_DATA}
 * @param address the mailbox of MAIL FROM or RCPT TO without brackets (empty for {@code <>}); for
 *     {@link SmtpPhase#DATA} and {@link SmtpPhase#END_OF_DATA}, the sender; otherwise {@code null}
 * @param heloName the client's EHLO/HELO name so far, or {@code null}
 * @param user the authenticated user, or for {@link SmtpPhase#AUTH} the user trying to log in; {@code null}
 *     when none
 * @param tls whether the connection is encrypted
 * @param connectionIndex the connection's number on its server, from 1
 */
public record SmtpCommand(
        SmtpPhase phase, String argument, String address, String heloName, String user, boolean tls,
        int connectionIndex) {

    /**
     * The domain of {@link #address()}: the part after the last {@code @}.
     *
     * @return the domain, or {@code null} when there is no address or it has no domain
     */
    public String domain() {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1);
    }
}
