package io.github.fakesmtp.internal;

import io.github.fakesmtp.SmtpReply;

/**
 * What a fault rule tells the session to do instead of (or before) its default behaviour.
 *
 * @param kind the action
 * @param reply the reply to send for {@link Kind#REPLY}, else null
 * @param delayNanos how long to wait before acting, 0 for no wait
 * @param bytes for {@link Kind#DISCONNECT_AFTER_BYTES}, how many message octets to read first
 */
public record FaultDecision(Kind kind, SmtpReply reply, long delayNanos, long bytes) {

    /** The actions a rule can take. */
    public enum Kind {
        /** Send {@link #reply()} instead of the default reply; the command has no other effect. */
        REPLY,
        /** Close the connection without a reply. */
        DISCONNECT,
        /** Accept DATA (354), read this many octets of message data, then close the connection. */
        DISCONNECT_AFTER_BYTES,
        /** Only wait, then behave as usual. */
        DELAY
    }

    /**
     * @param delayNanos the new delay
     * @return this decision with another delay
     */
    public FaultDecision withDelay(long delayNanos) {
        return new FaultDecision(kind, reply, delayNanos, bytes);
    }
}
