package io.github.fakesmtp.example;

import java.time.Duration;
import java.util.Objects;

/**
 * Retries a mail the server refused for now (a 4xx reply: greylisting, a full mailbox, a busy server) a
 * bounded number of times, waiting longer before each attempt. Permanent refusals (5xx), authentication
 * failures and network failures are reported at once.
 */
public final class RetryingMailSender implements MailSender {

    private final MailSender delegate;
    private final int maxAttempts;
    private final Duration initialBackoff;

    /**
     * Creates the sender.
     *
     * @param delegate the sender that does the work
     * @param maxAttempts how many attempts in all, at least 1
     * @param initialBackoff the wait before the second attempt, doubled before each further one;
     *     {@link Duration#ZERO} not to wait
     */
    public RetryingMailSender(MailSender delegate, int maxAttempts, Duration initialBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.maxAttempts = maxAttempts;
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
    }

    @Override
    public void send(OutgoingMail mail) {
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                delegate.send(mail);
                return;
            } catch (MailDeliveryException e) {
                if (!e.isTransient() || e instanceof MailAuthenticationFailed) {
                    throw e;
                }
                if (attempt == maxAttempts) {
                    throw new MailDeliveryException(e.getMessage() + " (gave up after " + attempt + " attempts)",
                            e.replyCode(), e);
                }
                pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static void pause(Duration backoff) {
        if (backoff.isZero()) {
            return;
        }
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailDeliveryException("interrupted while waiting to retry", 0, e);
        }
    }
}
