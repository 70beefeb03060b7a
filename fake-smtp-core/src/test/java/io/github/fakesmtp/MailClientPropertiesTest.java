package io.github.fakesmtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Angus Mail sessions built from {@link MailClientProperties} reach the server in every TLS mode. */
class MailClientPropertiesTest {

    @ParameterizedTest
    @EnumSource(TlsMode.class)
    void transportSendReachesTheServerInEveryTlsMode(TlsMode tls) throws MessagingException {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(tls).requireTls(tls != TlsMode.NONE).start()) {
            Transport.send(message(Session.getInstance(MailClientProperties.jakartaMail(server))));

            ReceivedMessage received = server.takeMessage(Duration.ofSeconds(5));
            assertThat(received.usedTls()).isEqualTo(tls != TlsMode.NONE);
        }
    }

    @Test
    void withAUserTheSessionLogsIn() throws MessagingException {
        try (FakeSmtpServer server = FakeSmtpServer.builder().user("app", "s3cret").authRequired(true).start()) {
            Session session = Session.getInstance(MailClientProperties.jakartaMail(server, "app"));
            Transport.send(message(session), "app", "s3cret");

            assertThat(server.takeMessage(Duration.ofSeconds(5)).authenticatedUser()).isEqualTo("app");
        }
    }

    private static MimeMessage message(Session session) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("alice@example.com"));
        message.addRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
        message.setSubject("Hello");
        message.setText("Hello from a test\r\n");
        return message;
    }
}
