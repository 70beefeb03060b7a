package io.github.fakesmtp.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakesmtp.FakeSmtpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** {@code @DirtiesContext} closes the context and with it the server; the next test gets a new pair. */
@SpringJUnitConfig(MailApplication.class)
@AutoConfigureFakeSmtp(maxRecipients = 7)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirtiesContextTest {

    private static FakeSmtpServer first;

    @Autowired
    FakeSmtpServer smtp;

    @Test
    @Order(1)
    @DirtiesContext
    void dirtiesTheContext() {
        first = smtp;
    }

    @Test
    @Order(2)
    void getsANewServerAndTheOldOneIsClosed() throws IOException {
        assertThat(smtp).isNotSameAs(first);
        if (first.port() != smtp.port()) { // the new server may, rarely, have been given the same free port
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(first.host(), first.port()), 2000))
                        .isInstanceOf(ConnectException.class);
            }
        }
    }
}
