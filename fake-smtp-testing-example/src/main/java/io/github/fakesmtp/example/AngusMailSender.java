package io.github.fakesmtp.example;

import io.github.fakesmtp.example.OutgoingMail.Address;
import io.github.fakesmtp.example.OutgoingMail.FileAttachment;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Sends with Jakarta Mail and its implementation Angus Mail directly: a {@link Session} and {@link Transport}. */
public final class AngusMailSender implements MailSender {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final MailSettings settings;
    private final Session session;

    /**
     * Creates the sender.
     *
     * @param settings where and how to send
     */
    public AngusMailSender(MailSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(JakartaMailProperties.of(settings));
    }

    @Override
    public void send(OutgoingMail mail) {
        try {
            MimeMessage message = toMimeMessage(mail);
            if (settings.hasCredentials()) {
                Transport.send(message, settings.username(), settings.password());
            } else {
                Transport.send(message);
            }
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw SmtpFailures.translate(mail, e);
        }
    }

    private MimeMessage toMimeMessage(OutgoingMail mail) throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(internet(mail.from()));
        message.setRecipients(Message.RecipientType.TO, internet(mail.to()));
        // Bcc recipients go to the envelope; Angus Mail removes the Bcc header before sending
        message.setRecipients(Message.RecipientType.BCC, internet(mail.bcc()));
        message.setSubject(mail.subject(), UTF_8);

        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart(mail.text(), "plain"));
        if (mail.html() != null) {
            alternative.addBodyPart(textPart(mail.html(), "html"));
        }
        if (mail.attachments().isEmpty()) {
            message.setContent(alternative);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            for (FileAttachment file : mail.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.content(), file.contentType())));
                part.setFileName(file.fileName());
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            message.setContent(mixed);
        }
        message.saveChanges();
        return message;
    }

    private static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, UTF_8, subtype);
        return part;
    }

    private static InternetAddress internet(Address address) throws UnsupportedEncodingException {
        return new InternetAddress(address.email(), address.name(), UTF_8);
    }

    private static InternetAddress[] internet(List<Address> addresses) throws UnsupportedEncodingException {
        List<InternetAddress> result = new ArrayList<>();
        for (Address address : addresses) {
            result.add(internet(address));
        }
        return result.toArray(InternetAddress[]::new);
    }
}
