package io.github.fakesmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A real client, Angus Mail (the Jakarta Mail implementation), against the server. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AngusMailInteropTest {

    private static final String USER = "app";
    private static final String PASSWORD = "s3cret";

    /** Angus Mail properties for {@code protocol}, with every timeout set so that no test can hang. */
    private static Properties properties(String protocol, FakeSmtpServer server) {
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.setProperty(prefix + "host", server.host());
        properties.setProperty(prefix + "port", String.valueOf(server.port()));
        properties.setProperty(prefix + "connectiontimeout", "5000");
        properties.setProperty(prefix + "timeout", "5000");
        properties.setProperty(prefix + "writetimeout", "5000");
        return properties;
    }

    private static MimeMessage simpleMessage(Session session, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("alice@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
        message.setSubject(subject);
        message.setText("hello " + subject);
        return message;
    }

    private static void send(Session session, String protocol, MimeMessage message, String user, String password)
            throws MessagingException {
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(user, password);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    @Test
    void multipartAlternativeWithAttachmentAndBccArriveIntact() throws Exception {
        byte[] pdf = new byte[3000];
        for (int i = 0; i < pdf.length; i++) {
            pdf[i] = (byte) (i * 31);
        }
        try (FakeSmtpServer server = FakeSmtpServer.start()) {
            Session session = Session.getInstance(properties("smtp", server));
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("Alice <alice@example.com>"));
            message.setRecipients(Message.RecipientType.TO, "bob@example.com, Carol <carol@example.com>");
            message.setRecipients(Message.RecipientType.CC, "dave@example.com");
            message.setRecipients(Message.RecipientType.BCC, "eve@example.com");
            message.setReplyTo(InternetAddress.parse("replies@example.com"));
            message.setSubject("Your invoice \u20ac 12", "UTF-8");

            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("Hello Bob, \u00e0 bient\u00f4t", "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setContent("<p>Hello <b>Bob</b></p>", "text/html; charset=UTF-8");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            MimeBodyPart alternativePart = new MimeBodyPart();
            alternativePart.setContent(alternative);
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
            attachment.setFileName("invoice.pdf");
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(alternativePart);
            mixed.addBodyPart(attachment);
            message.setContent(mixed);

            Transport.send(message);

            ReceivedMessage received = server.takeMessage(SmtpChecks.WAIT);
            assertThat(received.subject()).isEqualTo("Your invoice \u20ac 12");
            assertThat(received.from()).containsExactly("alice@example.com");
            assertThat(received.to()).containsExactly("bob@example.com", "carol@example.com");
            assertThat(received.cc()).containsExactly("dave@example.com");
            assertThat(received.replyTo()).containsExactly("replies@example.com");
            assertThat(received.header("Bcc")).isNull(); // Bcc is envelope only
            assertThat(received.envelopeSender()).isEqualTo("alice@example.com");
            assertThat(received.envelopeRecipients()).containsExactlyInAnyOrder(
                    "bob@example.com", "carol@example.com", "dave@example.com", "eve@example.com");
            assertThat(received.textBody()).isEqualTo("Hello Bob, \u00e0 bient\u00f4t");
            assertThat(received.htmlBody()).isEqualTo("<p>Hello <b>Bob</b></p>");
            assertThat(received.attachments()).singleElement().satisfies(a -> {
                assertThat(a.fileName()).isEqualTo("invoice.pdf");
                assertThat(a.contentType()).isEqualTo("application/pdf");
                assertThat(a.content()).isEqualTo(pdf);
            });
            assertThat(received.usedTls()).isFalse();
            assertThat(received.authenticatedUser()).isNull();
            assertThat(received.clientAddress().getAddress().isLoopbackAddress()).isTrue();
        }
    }

    /** RFC 3030: Angus Mail sends with BDAT when mail.smtp.chunksize is set and CHUNKING is advertised. */
    @Test
    void rfc3030_angusMailChunkingIsCaptured() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start()) {
            Properties properties = properties("smtp", server);
            properties.setProperty("mail.smtp.chunksize", "100");
            Session session = Session.getInstance(properties);
            MimeMessage message = simpleMessage(session, "chunks");
            message.setText("line\r\n".repeat(100));
            Transport.send(message);
            ReceivedMessage received = server.takeMessage(SmtpChecks.WAIT);
            assertThat(received.usedChunking()).isTrue();
            assertThat(received.textBody()).isEqualTo("line\r\n".repeat(100));
        }
    }

    /** RFC 3207 with a client that refuses to go on without TLS. */
    @Test
    void rfc3207_startTlsRequiredByTheClient() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.STARTTLS).user(USER, PASSWORD)
                .requireTls(true).authRequired(true).start()) {
            Properties properties = properties("smtp", server);
            properties.setProperty("mail.smtp.auth", "true");
            properties.setProperty("mail.smtp.starttls.enable", "true");
            properties.setProperty("mail.smtp.starttls.required", "true");
            properties.putAll(FakeSmtpTls.angusMailProperties("smtp"));
            Session session = Session.getInstance(properties);
            send(session, "smtp", simpleMessage(session, "over starttls"), USER, PASSWORD);
            ReceivedMessage received = server.takeMessage(SmtpChecks.WAIT);
            assertThat(received.usedTls()).isTrue();
            assertThat(received.authenticatedUser()).isEqualTo(USER);
            assertThat(received.subject()).isEqualTo("over starttls");
        }
    }

    /** Implicit TLS (RFC 8314 section 3.3) with Angus Mail's smtps transport. */
    @Test
    void rfc8314_smtps() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.SMTPS).start()) {
            Properties properties = properties("smtps", server);
            properties.putAll(FakeSmtpTls.angusMailProperties("smtps"));
            Session session = Session.getInstance(properties);
            send(session, "smtps", simpleMessage(session, "over smtps"), null, null);
            ReceivedMessage received = server.takeMessage(SmtpChecks.WAIT);
            assertThat(received.usedTls()).isTrue();
            // the transport ends the data with CRLF (RFC 5321 section 4.1.1.4), so the body gains one
            assertThat(received.textBody()).isEqualTo("hello over smtps\r\n");
        }
    }

    /**
     * RFC 4954 with each mechanism Angus Mail offers that the server knows: PLAIN, LOGIN and XOAUTH2 are built
     * in (XOAUTH2 is off unless mail.smtp.auth.xoauth2.disable=false); CRAM-MD5 comes through Angus Mail's
     * SASL support (mail.smtp.sasl.enable) and the JDK's SASL client.
     */
    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN", "XOAUTH2", "CRAM-MD5"})
    void rfc4954_authWithEachMechanism(String mechanism) throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().user(USER, PASSWORD).authRequired(true)
                .recordTranscripts(true).start()) {
            Session session = Session.getInstance(authProperties(server, mechanism));
            send(session, "smtp", simpleMessage(session, mechanism), USER, PASSWORD);
            ReceivedMessage received = server.takeMessage(SmtpChecks.WAIT);
            assertThat(received.authenticatedUser()).isEqualTo(USER);
            assertThat(received.transcript()).contains("C: AUTH " + mechanism + (mechanism.equals("PLAIN")
                    || mechanism.equals("XOAUTH2") ? " ****" : "")).noneMatch(line -> line.contains(PASSWORD));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN", "XOAUTH2", "CRAM-MD5"})
    void rfc4954_6_wrongPasswordIsAnAuthenticationFailedException(String mechanism) throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().user(USER, PASSWORD).authRequired(true).start()) {
            Session session = Session.getInstance(authProperties(server, mechanism));
            MimeMessage message = simpleMessage(session, "never");
            assertThatThrownBy(() -> send(session, "smtp", message, USER, "wrong"))
                    .isInstanceOf(AuthenticationFailedException.class);
            assertThat(server.messages()).isEmpty();
            SmtpChecks.assertStillServesAuthenticated(server, USER, PASSWORD);
        }
    }

    private static Properties authProperties(FakeSmtpServer server, String mechanism) {
        Properties properties = properties("smtp", server);
        properties.setProperty("mail.smtp.auth", "true");
        if (mechanism.equals("CRAM-MD5")) {
            properties.setProperty("mail.smtp.sasl.enable", "true");
            properties.setProperty("mail.smtp.sasl.mechanisms", "CRAM-MD5");
            properties.setProperty("mail.smtp.auth.mechanisms", "CRAM-MD5");
        } else {
            properties.setProperty("mail.smtp.auth.mechanisms", mechanism);
            properties.setProperty("mail.smtp.auth.xoauth2.disable", "false");
        }
        return properties;
    }
}
