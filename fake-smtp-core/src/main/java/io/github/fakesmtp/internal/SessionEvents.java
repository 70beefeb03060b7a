package io.github.fakesmtp.internal;

import io.github.fakesmtp.Rejection;

/** What sessions report to the public server: captured messages and refused commands. */
public interface SessionEvents {

    /**
     * Called on the connection thread after a message was accepted and before the client gets its 250, so
     * the message is visible to the test by the time the client's send returns.
     *
     * @param message the captured transaction
     * @throws RuntimeException when the user's message listener fails; the client then gets 451
     */
    void captured(CapturedMessage message);

    /**
     * Called when the server refuses a command, before the client sees the reply.
     *
     * @param rejection what was refused and how
     */
    void refused(Rejection rejection);

    /**
     * Whether {@link #captured} runs the test's own code, a message listener, which may take as long as it
     * likes: the accepting thread then hands accepting on before it serves a connection.
     *
     * @return true when it may
     */
    default boolean callsUserCode() {
        return false;
    }
}
