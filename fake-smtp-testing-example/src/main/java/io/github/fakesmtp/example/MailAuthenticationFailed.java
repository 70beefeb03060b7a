package io.github.fakesmtp.example;

/** The server refused the configured username and password (RFC 4954 section 6): a configuration error. */
public class MailAuthenticationFailed extends MailDeliveryException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what the server said
     * @param replyCode the reply code, e.g. 535, or 0 when the client library did not report it
     * @param cause the client library's exception
     */
    public MailAuthenticationFailed(String message, int replyCode, Throwable cause) {
        super(message, replyCode, cause);
    }
}
