package io.github.fakesmtp.internal;

/** Receives what the protocol engine captured; the public server turns it into API values. */
public interface MessageSink {

    /**
     * Called on the connection thread after a message was accepted and before the client gets its 250, so
     * the message is visible to the test by the time the client's send returns.
     *
     * @param message the captured transaction
     */
    void captured(CapturedMessage message);
}
