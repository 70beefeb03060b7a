package io.github.fakesmtp;

import static io.github.fakesmtp.SaslClient.b64;
import static io.github.fakesmtp.SaslClient.cramMd5Digest;
import static io.github.fakesmtp.SaslClient.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an attacker or a careless log could get out of the server: nothing it should not. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SecurityTest {

    private static final String SECRET = "Sup3r-S3cret-Pa55";

    @Test
    void byDefaultTheServerListensOnLoopbackOnlyAndNoOtherAddressReachesIt() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start()) {
            assertThat(InetAddress.getByName(server.host()).isLoopbackAddress()).isTrue();
            List<InetAddress> others = new ArrayList<>();
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLoopbackAddress() && address instanceof Inet4Address) {
                        others.add(address);
                    }
                }
            }
            for (InetAddress address : others) {
                assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, server.port()), 2000);
                    }
                }).as("connecting through %s", address).isInstanceOf(ConnectException.class);
            }
            SmtpChecks.assertStillServes(server);
        }
    }

    /** RFC 4954 section 4: credentials travel in AUTH; none may show in transcripts, records, errors or output. */
    @Test
    void rfc4954_4_authSecretsNeverAppearInTranscriptsRejectionsExceptionsOrOutput() {
        String plain = b64("\0alice\0" + SECRET);
        String wrongPlain = b64("\0alice\0" + SECRET + "-wrong");
        String login = b64(SECRET);
        String xoauth2 = b64("user=alice\u0001auth=Bearer " + SECRET + "\u0001\u0001");
        List<String> secrets = List.of(SECRET, plain, wrongPlain, login, xoauth2, b64(SECRET + "-wrong"));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<String> seen = new ArrayList<>();
        try (FakeSmtpServer server = FakeSmtpServer.builder().user("alice", SECRET).recordTranscripts(true).start()) {
            PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            try {
                try (SmtpTestClient client = SmtpTestClient.ready(server)) {
                    client.command("AUTH PLAIN " + wrongPlain).expect(535, "5.7.8");
                    client.command("AUTH PLAIN").expect(334);
                    client.command(wrongPlain).expect(535, "5.7.8");
                    client.command("AUTH LOGIN " + b64("alice")).expect(334);
                    client.command(b64(SECRET + "-wrong")).expect(535, "5.7.8");
                    client.command("AUTH XOAUTH2 " + b64("user=alice\u0001auth=Bearer " + SECRET + "-wrong\u0001\u0001"))
                            .expect(334);
                    client.command("").expect(535, "5.7.8");
                    client.command("AUTH LOGIN").expect(334);
                    client.command(b64("alice")).expect(334);
                    client.command(login).expect(235, "2.7.0");
                    client.sendMessage("a@example.com", "b@example.com", SmtpChecks.message("after login", "x"))
                            .expect(250, "2.0.0");
                }
                for (String auth : List.of("AUTH PLAIN " + plain, "AUTH XOAUTH2 " + xoauth2)) {
                    try (SmtpTestClient client = SmtpTestClient.ready(server)) {
                        client.command(auth).expect(235, "2.7.0");
                    }
                }
                try (SmtpTestClient client = SmtpTestClient.ready(server)) {
                    String challenge = decode(client.command("AUTH CRAM-MD5").expect(334));
                    client.command(b64("alice " + cramMd5Digest(SECRET, challenge))).expect(235, "2.7.0");
                }
                ReceivedMessage message = server.takeMessage(SmtpChecks.WAIT);
                seen.add(String.join("\n", message.transcript()));
                seen.add(message.toString());
                server.transcripts().forEach(transcript -> seen.add(transcript.toString()));
                server.transcripts().forEach(transcript -> seen.add(String.join("\n", transcript.lines())));
                seen.add(server.rejections().toString());
                seen.add(server.toString());
                try {
                    server.takeMessage(java.time.Duration.ofMillis(10));
                } catch (MailNotReceivedException e) {
                    seen.add(e.getMessage());
                }
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            seen.add(printed.toString(StandardCharsets.UTF_8));
            assertThat(String.join("\n", seen)).contains("AUTH PLAIN ****").contains("****");
            for (String secret : secrets) {
                assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(secret));
            }
        }
    }

    /**
     * RFC 4954 section 4: a client that sends its base64 credentials although AUTH was refused gets 500 for
     * them, and the transcript shows them masked, not in clear; unknown command words are still shown.
     */
    @Test
    void rfc4954_4_credentialsSentAfterARefusedAuthAreMaskedToo() {
        String plain = b64("\0alice\0" + SECRET);
        try (FakeSmtpServer server = FakeSmtpServer.builder().recordTranscripts(true).start()) {
            try (SmtpTestClient client = SmtpTestClient.ready(server)) {
                client.command("AUTH PLAIN").expect(503, "5.5.1"); // no AUTH on this server
                client.command(plain).expect(500, "5.5.2");
                client.command("XUNKNOWNCMD").expect(500, "5.5.2");
                client.command("QUIT").expect(221, "2.0.0");
            }
            List<String> lines = server.transcripts().get(0).lines();
            assertThat(lines).contains("C: ****", "C: XUNKNOWNCMD");
            assertThat(String.join("\n", lines)).doesNotContain(plain);
        }
    }

    /**
     * RFC 3207 section 4.2 (CVE-2011-0411): plaintext that arrives after STARTTLS, here in a separate write
     * before the client even read the 220, is never acted on: it is discarded, or it breaks the handshake.
     */
    @Test
    void rfc3207_4_2_plaintextSentAfterStartTlsInItsOwnWriteIsNeverActedOn() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.STARTTLS).start()) {
            for (int attempt = 0; attempt < 20; attempt++) {
                try (SmtpTestClient client = SmtpTestClient.ready(server)) {
                    client.sendLine("STARTTLS");
                    client.sendLine("MAIL FROM:<injected@example.com>");
                    client.readReply().expect(220, "2.0.0");
                    try {
                        client.startTlsHandshakeOnly();
                    } catch (RuntimeException handshakeBrokenByTheInjection) {
                        continue; // the injected bytes were read as TLS and failed it: nothing was executed
                    }
                    client.ehlo().expect(250);
                    client.command("RCPT TO:<b@example.com>").expect(503, "5.5.1"); // no MAIL was accepted
                }
            }
            assertThat(server.messages()).isEmpty();
        }
    }

    /**
     * RFC 5321 section 4.1.1.4 (SMTP smuggling, CVE-2023-51764): fake end-of-data sequences sent one byte per
     * write still never end the DATA, so one transaction gives exactly one message.
     */
    @ParameterizedTest(name = "smuggling with {0}, one byte per write")
    @ValueSource(strings = {"\\n.\\n", "\\r.\\r", "\\n.\\r\\n", "\\r\\n.\\n", "\\r\\n.\\r", "\\r.\\r\\n"})
    void rfc5321_4_1_1_4_smugglingSequencesSplitAcrossWritesNeverEndData(String escaped) {
        String fakeEnd = escaped.replace("\\r", "\r").replace("\\n", "\n");
        String smuggled = "MAIL FROM:<evil@example.com>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\n"
                + "Subject: smuggled\r\n\r\nevil\r\n";
        byte[] data = ("Subject: real\r\n\r\nreal" + fakeEnd + smuggled + ".\r\n").getBytes(StandardCharsets.US_ASCII);
        try (FakeSmtpServer server = FakeSmtpServer.start();
                SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            client.command("RCPT TO:<b@example.com>").expect(250, "2.1.5");
            client.command("DATA").expect(354);
            for (byte b : data) {
                client.send(new byte[] {b});
            }
            client.readReply().expect(250, "2.0.0");
            client.command("NOOP").expect(250, "2.0.0"); // no reply of a smuggled command came in between
            assertThat(server.messages()).singleElement().satisfies(message -> {
                assertThat(message.envelopeSender()).isEqualTo("a@example.com");
                assertThat(message.rawContent()).contains("MAIL FROM:<evil@example.com>");
            });
        }
    }
}
