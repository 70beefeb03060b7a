package io.github.fakesmtp.standalone;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;

/** Mail sent the way applications send it: Angus Mail, with text, HTML, an attachment, AUTH. */
final class Mails {

    private Mails() {
    }

    static Session session(int port, boolean auth) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", Integer.toString(port));
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "10000");
        properties.setProperty("mail.smtp.writetimeout", "10000");
        properties.setProperty("mail.smtp.auth", Boolean.toString(auth));
        properties.setProperty("mail.mime.allowutf8", "false");
        return Session.getInstance(properties);
    }

    /** A multipart/mixed message: text and HTML alternatives, and a CSV attachment; Cc, Reply-To and a Bcc. */
    static MimeMessage invoice(Session session, byte[] csv) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("billing@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("zoe@example.com"));
        message.setRecipient(Message.RecipientType.CC, new InternetAddress("accounts@example.com"));
        message.setRecipient(Message.RecipientType.BCC, new InternetAddress("audit@example.com"));
        message.setReplyTo(new InternetAddress[] {new InternetAddress("help@example.com")});
        message.setSubject("Rechnung für Zoë", "UTF-8");
        MimeMultipart alternatives = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Your invoice is attached. Grüße", "UTF-8");
        alternatives.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Your <b>invoice</b> is attached.</p><script>alert(1)</script>", "text/html; charset=UTF-8");
        alternatives.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternatives);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(csv, "text/csv")));
        attachment.setFileName("invoice-42.csv");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(attachment);
        message.setContent(mixed);
        message.saveChanges();
        return message;
    }

    /** Sends and returns the bytes the client wrote (Transport adds the final CRLF the server keeps). */
    static byte[] send(MimeMessage message, String user, String password) throws MessagingException, IOException {
        if (user != null) {
            Transport.send(message, user, password);
        } else {
            Transport.send(message);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.toByteArray();
    }
}
