package io.github.fakesmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients people use from shells and scripts — curl, Python's smtplib and swaks — against the server,
 * asserting on what was captured.
 */
@Timeout(120)
class NonJavaClientsInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private FakeSmtpServer smtp;

    @AfterEach
    void stop() {
        if (smtp != null) {
            smtp.close();
        }
    }

    private Path message(String subject) throws Exception {
        return Files.writeString(dir.resolve("message.eml"),
                "From: alice@example.com\r\nTo: bob@example.com\r\nSubject: " + subject + "\r\n\r\nHello\r\n.dot\r\n",
                StandardCharsets.UTF_8);
    }

    @Nested
    class Curl {

        @Test
        void plainSmtpWithAuth_rfc4954() throws Exception {
            smtp = FakeSmtpServer.builder().user("app", "s3cret").authRequired(true).start();
            ExternalClient.run(List.of("curl", "-sS", "--url", "smtp://127.0.0.1:" + smtp.port(),
                    "--user", "app:s3cret", "--mail-from", "alice@example.com",
                    "--mail-rcpt", "bob@example.com", "--mail-rcpt", "carol@example.com",
                    "--upload-file", message("curl plain").toString()));

            ReceivedMessage received = smtp.takeMessage(WAIT);
            assertThat(received.subject()).isEqualTo("curl plain");
            assertThat(received.envelopeRecipients()).containsExactly("bob@example.com", "carol@example.com");
            assertThat(received.authenticatedUser()).isEqualTo("app");
            assertThat(received.textBody()).isEqualTo("Hello\r\n.dot\r\n"); // curl stuffs the dot, we unstuff it
        }

        @Test
        void starttlsWithTheServersCa_rfc3207() throws Exception {
            smtp = FakeSmtpServer.builder().tls(TlsMode.STARTTLS).requireTls(true).user("app", "s3cret").start();
            ExternalClient.run(List.of("curl", "-sS", "--ssl-reqd", "--cacert", ExternalClient.caFile(dir).toString(),
                    "--url", "smtp://localhost:" + smtp.port(), "--user", "app:s3cret",
                    "--mail-from", "alice@example.com", "--mail-rcpt", "bob@example.com",
                    "--upload-file", message("curl starttls").toString()));

            ReceivedMessage received = smtp.takeMessage(WAIT);
            assertThat(received.usedTls()).isTrue();
            assertThat(received.authenticatedUser()).isEqualTo("app");
        }

        @Test
        void implicitTls() throws Exception {
            smtp = FakeSmtpServer.builder().tls(TlsMode.SMTPS).start();
            ExternalClient.run(List.of("curl", "-sS", "--cacert", ExternalClient.caFile(dir).toString(),
                    "--url", "smtps://localhost:" + smtp.port(), "--mail-from", "alice@example.com",
                    "--mail-rcpt", "bob@example.com", "--upload-file", message("curl smtps").toString()));

            assertThat(smtp.takeMessage(WAIT).usedTls()).isTrue();
        }
    }

    @Nested
    class PythonSmtplib {

        private static final String SCRIPT = """
                import smtplib, ssl, sys
                from email.message import EmailMessage
                port, mode, mechanism = int(sys.argv[1]), sys.argv[2], sys.argv[3]
                msg = EmailMessage()
                msg['From'] = 'alice@example.com'
                msg['To'] = sys.argv[4]
                msg['Subject'] = sys.argv[5]
                msg.set_content('Grüße aus Python')
                with smtplib.SMTP('localhost', port, timeout=20) as s:
                    s.ehlo('python.test')
                    if mode == 'starttls':
                        s.starttls(context=ssl.create_default_context(cafile=sys.argv[6]))
                        s.ehlo('python.test')
                    if mechanism == 'PLAIN':
                        s.user, s.password = 'app', 's3cret'
                        s.auth('PLAIN', s.auth_plain)
                    elif mechanism == 'LOGIN':
                        s.user, s.password = 'app', 's3cret'
                        s.auth('LOGIN', s.auth_login, initial_response_ok=False)
                    elif mechanism == 'CRAM-MD5':
                        s.user, s.password = 'app', 's3cret'
                        s.auth('CRAM-MD5', s.auth_cram_md5)
                    s.send_message(msg)
                """;

        private String python(String mode, String mechanism, String to, String subject) throws Exception {
            return ExternalClient.run(List.of("python3", "-c", SCRIPT, Integer.toString(smtp.port()), mode, mechanism,
                    to, subject, ExternalClient.caFile(dir).toString()));
        }

        @Test
        void plainSend() throws Exception {
            smtp = FakeSmtpServer.builder().start();
            python("plain", "none", "bob@example.com", "python plain");

            ReceivedMessage received = smtp.takeMessage(WAIT);
            assertThat(received.subject()).isEqualTo("python plain");
            assertThat(received.heloName()).isEqualTo("python.test");
            assertThat(received.textBody()).contains("Grüße aus Python");
        }

        @Test
        void starttlsAndEachAuthMechanism_rfc3207_rfc4954() throws Exception {
            smtp = FakeSmtpServer.builder().tls(TlsMode.STARTTLS).user("app", "s3cret").authRequired(true).start();
            for (String mechanism : List.of("PLAIN", "LOGIN", "CRAM-MD5")) {
                python("starttls", mechanism, "bob@example.com", "python " + mechanism);
                ReceivedMessage received = smtp.takeMessage(WAIT);
                assertThat(received.subject()).isEqualTo("python " + mechanism);
                assertThat(received.usedTls()).isTrue();
                assertThat(received.authenticatedUser()).isEqualTo("app");
            }
        }

        @Test
        void smtpUtf8AddressAndSubject_rfc6531() throws Exception {
            smtp = FakeSmtpServer.builder().start();
            python("plain", "none", "jürgen@bücher.example", "Grüße, Jürgen");

            ReceivedMessage received = smtp.takeMessage(WAIT);
            assertThat(received.usedSmtpUtf8()).isTrue();
            assertThat(received.envelopeRecipients()).containsExactly("jürgen@bücher.example");
            assertThat(received.subject()).isEqualTo("Grüße, Jürgen");
            assertThat(received.to()).containsExactly("jürgen@bücher.example");
        }
    }

    @Nested
    class Swaks {

        @Test
        void plainPipelined_rfc2920() throws Exception {
            smtp = FakeSmtpServer.builder().start();
            ExternalClient.run(List.of("swaks", "--server", "127.0.0.1:" + smtp.port(), "--from", "alice@example.com",
                    "--to", "bob@example.com,carol@example.com", "--header", "Subject: swaks pipelined", "--pipeline"));

            ReceivedMessage received = smtp.takeMessage(WAIT);
            assertThat(received.subject()).isEqualTo("swaks pipelined");
            assertThat(received.envelopeRecipients()).containsExactly("bob@example.com", "carol@example.com");
        }

        @Test
        void starttlsVerifiedAndAuth_rfc3207_rfc4954() throws Exception {
            smtp = FakeSmtpServer.builder().tls(TlsMode.STARTTLS).user("app", "s3cret").start();
            for (String mechanism : List.of("PLAIN", "LOGIN", "CRAM-MD5")) {
                ExternalClient.run(List.of("swaks", "--server", "127.0.0.1:" + smtp.port(), "--from", "alice@example.com",
                        "--to", "bob@example.com", "--header", "Subject: swaks " + mechanism,
                        "-tls", "--tls-verify", "--tls-ca-path", ExternalClient.caFile(dir).toString(),
                        "--tls-sni", "localhost", "-a", mechanism, "--auth-user", "app", "--auth-password", "s3cret"));
                ReceivedMessage received = smtp.takeMessage(WAIT);
                assertThat(received.subject()).isEqualTo("swaks " + mechanism);
                assertThat(received.usedTls()).isTrue();
                assertThat(received.authenticatedUser()).isEqualTo("app");
            }
        }
    }
}
