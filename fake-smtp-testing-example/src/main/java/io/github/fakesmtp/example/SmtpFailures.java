package io.github.fakesmtp.example;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Turns what Jakarta Mail throws (directly, or wrapped by Spring or Simple Java Mail) into the application's
 * {@link MailDeliveryException}, keeping the SMTP reply code that decides between retry and give-up.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    /**
     * Translates a failure.
     *
     * @param mail the mail that was not sent, for the message
     * @param failures the client's exception(s); their causes and chained exceptions are searched too
     * @return the exception to throw
     */
    static MailDeliveryException translate(OutgoingMail mail, Throwable... failures) {
        String what = "Mail \"" + mail.subject() + "\" to " + mail.to().get(0).email();
        Throwable first = failures[0];
        Throwable withCode = null;
        int code = 0;
        for (Throwable failure : causes(failures)) {
            if (failure instanceof AuthenticationFailedException) {
                String reply = text(failure);
                return new MailAuthenticationFailed(what + " not sent: the server refused the credentials: " + reply,
                        leadingCode(reply), first);
            }
            int found = replyCode(failure);
            if (found > 0 && withCode == null) {
                withCode = failure;
                code = found;
            }
        }
        if (withCode != null) {
            String reply = text(withCode);
            if (code == 530) { // RFC 4954 section 6: authentication required
                return new MailAuthenticationFailed(what + " not sent: the server requires a login: " + reply, code, first);
            }
            return new MailDeliveryException(what + " refused with " + code + ": " + reply, code, first);
        }
        for (Throwable failure : causes(failures)) {
            if (failure instanceof SocketTimeoutException) {
                return new MailDeliveryException(what + " not sent: the server did not answer in time", 0, first);
            }
        }
        return new MailDeliveryException(what + " not sent: the connection to the server failed: " + text(first), 0, first);
    }

    private static int replyCode(Throwable failure) {
        if (failure instanceof SMTPAddressFailedException address) {
            return address.getReturnCode();
        }
        if (failure instanceof SMTPSenderFailedException sender) {
            return sender.getReturnCode();
        }
        if (failure instanceof SMTPSendFailedException send) {
            return send.getReturnCode();
        }
        return 0;
    }

    /** Every exception reachable through causes and {@link MessagingException#getNextException()}, breadth first. */
    private static Iterable<Throwable> causes(Throwable... failures) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> queue = new ArrayDeque<>();
        for (Throwable failure : failures) {
            queue.add(failure);
        }
        Deque<Throwable> ordered = new ArrayDeque<>();
        while (!queue.isEmpty()) {
            Throwable next = queue.poll();
            if (next == null || !seen.add(next)) {
                continue;
            }
            ordered.add(next);
            if (next.getCause() != null) {
                queue.add(next.getCause());
            }
            if (next instanceof MessagingException messaging && messaging.getNextException() != null) {
                queue.add(messaging.getNextException());
            }
        }
        return ordered;
    }

    private static int leadingCode(String reply) {
        return reply.length() >= 3 && reply.substring(0, 3).chars().allMatch(Character::isDigit)
                ? Integer.parseInt(reply.substring(0, 3)) : 0;
    }

    private static String text(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message.strip();
    }
}
