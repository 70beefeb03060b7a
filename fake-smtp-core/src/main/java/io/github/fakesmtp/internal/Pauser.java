package io.github.fakesmtp.internal;

/** Waits for a fault rule's delay, cut short when the server closes so that close() stays prompt. */
interface Pauser {

    /**
     * @param nanos how long to wait
     * @return true when the full delay passed, false when the server is closing
     */
    boolean pause(long nanos);
}
