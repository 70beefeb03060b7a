package io.github.fakesmtp.example.boot;

import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.TlsMode;
import io.github.fakesmtp.spring.AutoConfigureFakeSmtp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a real port, called over HTTP, sending over STARTTLS with TLS required: the mail
 * sender trusts the bundled certificate through the properties the annotation sets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureFakeSmtp(tls = TlsMode.STARTTLS, requireTls = true, users = "app:s3cret", authRequired = true)
@ResourceLock("fake-smtp")
class PasswordResetWebTest {

    @Value("${local.server.port}") // @LocalServerPort, whose package differs between Boot 3 and 4
    int port;

    @Autowired
    FakeSmtpServer smtp;

    @Test
    void aRequestToTheEndpointSendsTheMailOverStartTls() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/password-resets?email=zoe@example.com"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();

        HttpResponse<Void> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5)).hasReceivedExactly(1)
                .firstMessage().wasSentWithTls().wasAuthenticatedAs("app").hasSubject("Reset your password").isWellFormed();
    }
}
