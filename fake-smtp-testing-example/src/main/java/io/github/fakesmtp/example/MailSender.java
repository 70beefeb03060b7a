package io.github.fakesmtp.example;

/** Delivers an {@link OutgoingMail} to an SMTP server; one implementation per mail client library. */
public interface MailSender {

    /**
     * Sends the mail and returns once the server accepted it.
     *
     * @param mail the mail
     * @throws MailAuthenticationFailed when the server refused the credentials
     * @throws MailDeliveryException when the server refused the mail or the connection failed
     */
    void send(OutgoingMail mail);
}
