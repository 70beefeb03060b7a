package io.github.fakesmtp.example;

/**
 * The mail was not delivered: the server refused it or the connection failed. Says which SMTP reply code the
 * server gave, if any, so callers can tell a temporary refusal (4xx, worth a retry) from a permanent one (5xx).
 */
public class MailDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int replyCode;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param replyCode the server's SMTP reply code, or 0 when there was no reply (a network failure)
     * @param cause the client library's exception
     */
    public MailDeliveryException(String message, int replyCode, Throwable cause) {
        super(message, cause);
        this.replyCode = replyCode;
    }

    /**
     * The SMTP reply code that refused the mail.
     *
     * @return e.g. 550, or 0 when the connection failed without a reply
     */
    public int replyCode() {
        return replyCode;
    }

    /**
     * Whether the server refused for now (a 4xx reply, RFC 5321 section 4.2.1) and a later attempt may succeed.
     *
     * @return true for 4xx replies
     */
    public boolean isTransient() {
        return replyCode >= 400 && replyCode < 500;
    }
}
