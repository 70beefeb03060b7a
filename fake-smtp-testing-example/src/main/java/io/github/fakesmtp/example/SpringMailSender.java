package io.github.fakesmtp.example;

import io.github.fakesmtp.example.OutgoingMail.Address;
import io.github.fakesmtp.example.OutgoingMail.FileAttachment;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends with Spring Framework's {@link JavaMailSender} and {@link MimeMessageHelper}: what a Spring application
 * (or a Spring Boot one, whose auto-configuration builds the same {@link JavaMailSenderImpl}) does.
 */
public final class SpringMailSender implements MailSender {

    private final JavaMailSender mailSender;

    /**
     * Wraps a configured sender, e.g. the bean of a Spring application context.
     *
     * @param mailSender the sender
     */
    public SpringMailSender(JavaMailSender mailSender) {
        this.mailSender = mailSender;
    }

    /**
     * Creates a {@link JavaMailSenderImpl} for the settings, as a {@code @Bean} method would.
     *
     * @param settings where and how to send
     * @return the configured sender
     */
    public static JavaMailSenderImpl javaMailSender(MailSettings settings) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(settings.host());
        sender.setPort(settings.port());
        sender.setProtocol(JakartaMailProperties.protocol(settings));
        sender.setUsername(settings.username());
        sender.setPassword(settings.password());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        sender.setJavaMailProperties(JakartaMailProperties.of(settings));
        return sender;
    }

    @Override
    public void send(OutgoingMail mail) {
        try {
            mailSender.send(toMimeMessage(mail));
        } catch (MailAuthenticationException e) {
            throw SmtpFailures.translate(mail, e);
        } catch (MailSendException e) {
            // the client's exceptions per message; the first says why this one failed
            Exception[] perMessage = e.getMessageExceptions();
            throw perMessage.length > 0 ? SmtpFailures.translate(mail, perMessage[0], e) : SmtpFailures.translate(mail, e);
        } catch (MailException e) {
            throw SmtpFailures.translate(mail, e);
        }
    }

    private MimeMessage toMimeMessage(OutgoingMail mail) {
        MimeMessage message = mailSender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(mail.from().email(), mail.from().name());
            for (Address to : mail.to()) {
                helper.addTo(to.email(), to.name());
            }
            for (Address bcc : mail.bcc()) {
                helper.addBcc(bcc.email(), bcc.name());
            }
            helper.setSubject(mail.subject());
            if (mail.html() != null) {
                helper.setText(mail.text(), mail.html());
            } else {
                helper.setText(mail.text());
            }
            for (FileAttachment file : mail.attachments()) {
                helper.addAttachment(file.fileName(), new ByteArrayResource(file.content()), file.contentType());
            }
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("cannot build mail \"" + mail.subject() + "\"", e);
        }
    }
}
