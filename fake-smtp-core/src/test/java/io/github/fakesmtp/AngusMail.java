package io.github.fakesmtp;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Sends mail with Angus Mail, the real Jakarta Mail client, the way an application would. */
final class AngusMail {

    private final Properties properties = new Properties();
    private String user;
    private String password;

    private AngusMail(FakeSmtpServer server) {
        properties.put("mail.smtp.host", server.host());
        properties.put("mail.smtp.port", Integer.toString(server.port()));
        timeouts(5000);
    }

    static AngusMail to(FakeSmtpServer server) {
        return new AngusMail(server);
    }

    AngusMail timeouts(int millis) {
        for (String key : new String[] {"connectiontimeout", "timeout", "writetimeout"}) {
            properties.put("mail.smtp." + key, Integer.toString(millis));
        }
        return this;
    }

    AngusMail login(String user, String password) {
        this.user = user;
        this.password = password;
        properties.put("mail.smtp.auth", "true");
        return this;
    }

    AngusMail property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    Session session() {
        return Session.getInstance(properties);
    }

    /** Sends a small text message from alice@example.com. */
    void send(String subject, String... recipients) throws MessagingException {
        Session session = session();
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("alice@example.com"));
        for (String recipient : recipients) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject);
        message.setText("Hello from a test\r\n");
        if (user != null) {
            Transport.send(message, user, password);
        } else {
            Transport.send(message);
        }
    }
}
