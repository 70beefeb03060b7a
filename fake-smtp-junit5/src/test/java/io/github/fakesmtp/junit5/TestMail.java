package io.github.fakesmtp.junit5;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.MailClientProperties;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/** Sends real mail with Angus Mail, configured by {@link MailClientProperties}, with 10 s socket timeouts. */
public final class TestMail {

    private TestMail() {
    }

    public static void send(FakeSmtpServer server, String to, String subject, String text) {
        send(server, null, null, to, subject, text);
    }

    /**
     * Sends a mail written out by hand, for mail no library writes: {@code \n} line ends become CRLF, and no
     * line may start with a dot. From app@example.com to bob@example.com.
     */
    public static void sendRaw(FakeSmtpServer server, String content) {
        try {
            List<String> replies = RawSmtp.converse(server, "EHLO client.example", "MAIL FROM:<app@example.com>",
                    "RCPT TO:<bob@example.com>", "DATA", content.replace("\n", "\r\n") + ".", "QUIT");
            if (!replies.get(5).startsWith("250")) {
                throw new IllegalStateException("the message was refused: " + replies);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
