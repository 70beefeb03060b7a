package io.github.fakesmtp;

/**
 * Thrown when a test waits for mail that does not arrive before its deadline. The message says how much
 * arrived and what, so the failure explains itself.
 */
public final class MailNotReceivedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was awaited and what arrived instead
     */
    public MailNotReceivedException(String message) {
        super(message);
    }
}
