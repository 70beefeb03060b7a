package io.github.fakesmtp;

import java.time.Instant;

/**
 * A command the server refused, by a negative reply or by dropping the connection: what a test checks to
 * know that its application met the failure it meant to cause. Immutable.
 *
 * @param command the command that was refused, AUTH secrets masked
 * @param reply the negative reply, or {@code null} when a fault rule dropped the connection instead
 * @param injected whether a fault rule caused it, rather than the server's own checks
 * @param at when it happened
 */
public record Rejection(SmtpCommand command, SmtpReply reply, boolean injected, Instant at) {

    /**
     * The phase of the refused command.
     *
     * @return the phase
     */
    public SmtpPhase phase() {
        return command.phase();
    }

    /**
     * The reply code, or 0 when the connection was dropped without a reply.
     *
     * @return the code
     */
    public int code() {
        return reply == null ? 0 : reply.code();
    }

    /**
     * The address of the refused MAIL or RCPT, when there was one.
     *
     * @return the address, or {@code null}
     */
    public String address() {
        return command.address();
    }

    /** @return e.g. {@code RCPT <bob@example.com> -> 550 5.1.1 No such user (injected)} */
    @Override
    public String toString() {
        return command.phase() + (command.address() != null ? " <" + command.address() + ">" : "")
                + " -> " + (reply == null ? "disconnected" : reply.toString().replace('\n', ' '))
                + (injected ? " (injected)" : "");
    }
}
