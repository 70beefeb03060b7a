package io.github.fakesmtp.example;

import io.github.fakesmtp.example.OutgoingMail.Address;
import io.github.fakesmtp.example.OutgoingMail.FileAttachment;
import org.simplejavamail.MailException;
import org.simplejavamail.api.email.EmailPopulatingBuilder;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.MailerRegularBuilder;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.email.EmailBuilder;
import org.simplejavamail.mailer.MailerBuilder;

/** Sends with Simple Java Mail: its {@link Mailer} and {@link EmailBuilder}. */
public final class SimpleJavaMailSender implements MailSender {

    private final Mailer mailer;

    /**
     * Creates the sender.
     *
     * @param settings where and how to send
     */
    public SimpleJavaMailSender(MailSettings settings) {
        MailerRegularBuilder<?> builder = MailerBuilder
                .withSMTPServer(settings.host(), settings.port(), settings.username(), settings.password())
                .withTransportStrategy(switch (settings.security()) {
                    case NONE -> TransportStrategy.SMTP;
                    case STARTTLS -> TransportStrategy.SMTP_TLS;
                    case SMTPS -> TransportStrategy.SMTPS;
                })
                .withSessionTimeout((int) settings.timeout().toMillis())
                // Simple Java Mail trusts every certificate unless told otherwise: trust only the configured store
                .trustingAllHosts(false)
                .verifyingServerIdentity(true);
        if (settings.security() == MailSettings.Security.NONE) {
            // plain means plain: no opportunistic STARTTLS, which would trust any certificate
            builder.withProperty("mail.smtp.starttls.enable", "false");
        }
        if (settings.trust() != null) {
            builder.withCustomSSLFactoryInstance(settings.trust());
        }
        this.mailer = builder.buildMailer();
        if (settings.trust() != null && settings.security() == MailSettings.Security.SMTPS) {
            // Simple Java Mail 8.12 sets the custom factory as mail.smtp.ssl.socketFactory only, which the smtps
            // transport does not read, and withProperty(..) turns values into strings: set the object directly
            mailer.getSession().getProperties().put("mail.smtps.ssl.socketFactory", settings.trust());
        }
    }

    @Override
    public void send(OutgoingMail mail) {
        EmailPopulatingBuilder email = EmailBuilder.startingBlank()
                .from(mail.from().name(), mail.from().email())
                .withSubject(mail.subject())
                .withPlainText(mail.text());
        for (Address to : mail.to()) {
            email.to(to.name(), to.email());
        }
        for (Address bcc : mail.bcc()) {
            email.bcc(bcc.name(), bcc.email());
        }
        if (mail.html() != null) {
            email.withHTMLText(mail.html());
        }
        for (FileAttachment file : mail.attachments()) {
            email.withAttachment(file.fileName(), file.content(), file.contentType());
        }
        try {
            mailer.sendMail(email.buildEmail()); // synchronous: the mailer is not async()
        } catch (MailException e) {
            throw SmtpFailures.translate(mail, e);
        }
    }
}
