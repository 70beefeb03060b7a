package io.github.fakesmtp.junit5;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.MailClientProperties;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Sends real mail with Angus Mail, configured by {@link MailClientProperties}, with 10 s socket timeouts. */
public final class TestMail {

    private TestMail() {
    }

    public static void send(FakeSmtpServer server, String to, String subject, String text) {
        send(server, null, null, to, subject, text);
    }

    public static void send(FakeSmtpServer server, String user, String password, String to, String subject,
            String text) {
        Properties properties = user == null ? MailClientProperties.jakartaMail(server)
                : MailClientProperties.jakartaMail(server, user);
        Session session = Session.getInstance(properties);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("app@example.com"));
            message.setRecipients(Message.RecipientType.TO, to);
            message.setSubject(subject, "UTF-8");
            message.setText(text, "UTF-8");
            if (user == null) {
                Transport.send(message);
            } else {
                Transport.send(message, user, password);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("sending failed: " + e.getMessage(), e);
        }
    }
}
