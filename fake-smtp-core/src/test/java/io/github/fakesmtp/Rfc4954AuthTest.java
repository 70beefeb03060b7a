package io.github.fakesmtp;

import static io.github.fakesmtp.SaslClient.b64;
import static io.github.fakesmtp.SaslClient.cramMd5Digest;
import static io.github.fakesmtp.SaslClient.decode;
import static io.github.fakesmtp.SmtpChecks.assertNothingCapturedAndStillServes;
import static io.github.fakesmtp.SmtpChecks.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.fakesmtp.SmtpTestClient.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 4954 AUTH, with PLAIN (RFC 4616), LOGIN, CRAM-MD5 (RFC 2195) and XOAUTH2, over raw sockets. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Rfc4954AuthTest extends ServerPerTest {

    private static final String USER = "app";
    private static final String PASSWORD = "s3cret-P4ss";

    @Override
    FakeSmtpServer.Builder configure(FakeSmtpServer.Builder builder) {
        return builder.user(USER, PASSWORD).recordTranscripts(true);
    }

    /** Sends a message after a successful AUTH and checks who it is recorded for. */
    private void assertSendsAs(SmtpTestClient client, String user) {
        client.sendMessage("a@example.com", "b@example.com", message("as " + user, "x")).expect(250, "2.0.0");
        assertThat(server.takeMessage(SmtpChecks.WAIT).authenticatedUser()).isEqualTo(user);
    }

    @Test
    void rfc4954_4_plainWithInitialResponse() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD)).expect(235, "2.7.0");
            assertSendsAs(client, USER);
        }
    }

    @Test
    void rfc4954_4_plainWithoutInitialResponseGetsAnEmpty334() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            Reply challenge = client.command("AUTH PLAIN").expect(334);
            assertThat(challenge.text()).isEmpty();
            client.command(b64(USER + "\0" + USER + "\0" + PASSWORD)).expect(235, "2.7.0"); // authzid = authcid
            assertSendsAs(client, USER);
        }
    }

    @Test
    void rfc4954_4_login() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            assertThat(decode(client.command("auth login").expect(334))).isEqualTo("Username:");
            assertThat(decode(client.command(b64(USER)).expect(334))).isEqualTo("Password:");
            client.command(b64(PASSWORD)).expect(235, "2.7.0");
            assertSendsAs(client, USER);
        }
    }

    @Test
    void rfc4954_4_loginWithTheUserNameAsInitialResponse() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            assertThat(decode(client.command("AUTH LOGIN " + b64(USER)).expect(334))).isEqualTo("Password:");
            client.command(b64(PASSWORD)).expect(235, "2.7.0");
            assertSendsAs(client, USER);
        }
    }

    @Test
    void rfc2195_cramMd5WithADigestComputedByTheClient() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            String challenge = decode(client.command("AUTH CRAM-MD5").expect(334));
            assertThat(challenge).matches("<.+@.+>"); // RFC 2195 section 2: a msg-id style challenge
            client.command(b64(USER + " " + cramMd5Digest(PASSWORD, challenge))).expect(235, "2.7.0");
            assertSendsAs(client, USER);
        }
    }

    @Test
    void rfc2195_cramMd5WithAWrongDigestIs535() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("AUTH CRAM-MD5").expect(334);
            client.command(b64(USER + " 0123456789abcdef0123456789abcdef")).expect(535, "5.7.8");
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void xoauth2_success() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("AUTH XOAUTH2 " + b64("user=" + USER + "\u0001auth=Bearer " + PASSWORD + "\u0001\u0001"))
                    .expect(235, "2.7.0");
            assertSendsAs(client, USER);
        }
    }

    /** Google's XOAUTH2 protocol: a failure is a 334 with a base64 JSON error, the client answers empty, then 535. */
    @Test
    void xoauth2_failureIs334JsonThenEmptyLineThen535() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            Reply error = client.command("AUTH XOAUTH2 " + b64("user=" + USER + "\u0001auth=Bearer wrong\u0001\u0001"))
                    .expect(334);
            assertThat(decode(error)).startsWith("{").contains("\"status\":\"401\"");
            client.command("").expect(535, "5.7.8");
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0"); // not required here
        }
    }

    @Test
    void rfc4954_6_wrongPasswordIs535() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("AUTH PLAIN " + b64("\0" + USER + "\0wrong")).expect(535, "5.7.8");
            client.command("AUTH LOGIN").expect(334);
            client.command(b64("nobody")).expect(334);
            client.command(b64(PASSWORD)).expect(535, "5.7.8");
            // a failed AUTH does not count as "already authenticated"
            client.command("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD)).expect(235, "2.7.0");
        }
    }

    @Test
    void rfc4954_4_starCancelsTheExchangeWith501() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("AUTH LOGIN").expect(334);
            client.command("*").expect(501, "5.7.0");
            client.command("AUTH PLAIN").expect(334);
            client.command("*").expect(501, "5.7.0");
            client.command("NOOP").expect(250, "2.0.0");
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc4954_4_undecodableBase64Is501() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("AUTH PLAIN !!!not-base64!!!").expect(501, "5.5.2");
            client.command("AUTH LOGIN").expect(334);
            client.command("%%%").expect(501, "5.5.2");
            client.command("NOOP").expect(250, "2.0.0");
        }
        assertNothingCapturedAndStillServes(server);
    }

    @Test
    void rfc4954_4_authAfterSuccessIs503AndUnknownMechanismIs504() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("AUTH GSSAPI").expect(504, "5.5.4");
            client.command("AUTH").expect(501, "5.5.4");
            client.command("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD)).expect(235, "2.7.0");
            client.command("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD)).expect(503, "5.5.1");
        }
    }

    @Test
    void rfc4954_4_authBeforeEhloAndDuringATransactionIs503() {
        try (SmtpTestClient client = SmtpTestClient.connect(server)) {
            client.readReply().expect(220);
            client.command("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD)).expect(503, "5.5.1");
            client.command("HELO client.example").expect(250);
            client.command("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD)).expect(503, "5.5.1"); // no ESMTP
            client.ehlo().expect(250);
            client.command("MAIL FROM:<a@example.com>").expect(250, "2.1.0");
            client.command("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD)).expect(503, "5.5.1");
        }
    }

    @Test
    void rfc4954_6_authRequiredRefusesMailWith530UntilAuthenticated() {
        try (FakeSmtpServer required = FakeSmtpServer.builder().user(USER, PASSWORD).authRequired(true).start()) {
            try (SmtpTestClient client = SmtpTestClient.ready(required)) {
                client.command("MAIL FROM:<a@example.com>").expect(530, "5.7.0");
                client.command("AUTH PLAIN " + b64("\0" + USER + "\0wrong")).expect(535, "5.7.8");
                client.command("MAIL FROM:<a@example.com>").expect(530, "5.7.0");
            }
            assertThat(required.messages()).isEmpty();
            try (SmtpTestClient client = SmtpTestClient.ready(required)) {
                client.command("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD)).expect(235, "2.7.0");
                client.sendMessage("a@example.com", "b@example.com", message("authed", "x")).expect(250, "2.0.0");
            }
            assertThat(required.takeMessage(SmtpChecks.WAIT).authenticatedUser()).isEqualTo(USER);
        }
    }

    @Test
    void rfc4954_4_authWhenNoUsersAreConfiguredIs503() {
        try (FakeSmtpServer plain = FakeSmtpServer.start()) {
            try (SmtpTestClient client = SmtpTestClient.ready(plain)) {
                client.command("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD)).expect(503, "5.5.1");
                client.command("NOOP").expect(250, "2.0.0");
            }
            assertNothingCapturedAndStillServes(plain);
        }
    }

    @Test
    void unauthenticatedMessageRecordsNoUser() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.sendMessage("a@example.com", "b@example.com", message("anonymous", "x")).expect(250, "2.0.0");
        }
        assertThat(server.takeMessage(SmtpChecks.WAIT).authenticatedUser()).isNull();
    }

    @Test
    void acceptAnyCredentialsAndACustomAuthenticator() {
        try (FakeSmtpServer any = FakeSmtpServer.builder().acceptAnyCredentials().start();
                SmtpTestClient client = SmtpTestClient.ready(any)) {
            client.command("AUTH PLAIN " + b64("\0whoever\0whatever")).expect(235, "2.7.0");
        }
        try (FakeSmtpServer custom = FakeSmtpServer.builder()
                .authenticator((user, password) -> password.equals(user + "!")).start();
                SmtpTestClient client = SmtpTestClient.ready(custom)) {
            // CRAM-MD5 needs the stored password, so a custom authenticator does not offer it
            assertThat(client.ehlo().lines()).contains("AUTH PLAIN LOGIN XOAUTH2");
            client.command("AUTH CRAM-MD5").expect(504, "5.5.4");
            client.command("AUTH PLAIN " + b64("\0bob\0nope")).expect(535, "5.7.8");
            client.command("AUTH PLAIN " + b64("\0bob\0bob!")).expect(235, "2.7.0");
        }
    }

    @Test
    void usersWrittenAsNameColonPasswordSplitAtTheFirstColon() {
        try (FakeSmtpServer users = FakeSmtpServer.builder().users("app:s3cret", "bob:pa:ss").start();
                SmtpTestClient client = SmtpTestClient.ready(users)) {
            client.command("AUTH PLAIN " + b64("\0bob\0pa:ss")).expect(235, "2.7.0");
        }
        assertThatThrownBy(() -> FakeSmtpServer.builder().users("app"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"name:password\", not \"app\"");
        assertThatThrownBy(() -> FakeSmtpServer.builder().users(":s3cret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not \":s3cret\"");
    }

    /** RFC 4954 section 9 (security): the secret must not leak into logs; transcripts mask it. */
    @Test
    void rfc4954_9_transcriptsNeverContainThePasswordOrItsBase64() {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD)).expect(235, "2.7.0");
        }
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("AUTH PLAIN").expect(334);
            client.command(b64("\0" + USER + "\0" + PASSWORD)).expect(235, "2.7.0");
        }
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("AUTH LOGIN " + b64(USER)).expect(334);
            client.command(b64(PASSWORD)).expect(235, "2.7.0");
            assertSendsAs(client, USER);
        }
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("AUTH XOAUTH2 " + b64("user=" + USER + "\u0001auth=Bearer " + PASSWORD + "\u0001\u0001"))
                    .expect(235, "2.7.0");
            client.command("QUIT").expect(221, "2.0.0");
        }
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("AUTH PLAIN " + b64("\0" + USER + "\0" + PASSWORD + "-wrong")).expect(535, "5.7.8");
            client.command("QUIT").expect(221, "2.0.0");
        }
        List<String> secrets = List.of(PASSWORD, b64(PASSWORD), b64("\0" + USER + "\0" + PASSWORD),
                b64("user=" + USER + "\u0001auth=Bearer " + PASSWORD + "\u0001\u0001"));
        List<SessionTranscript> transcripts = server.transcripts();
        assertThat(transcripts).hasSize(5);
        assertThat(transcripts).allSatisfy(transcript -> {
            assertThat(transcript.lines()).anyMatch(line -> line.startsWith("C: AUTH"));
            for (String secret : secrets) {
                assertThat(transcript.toString()).doesNotContain(secret);
            }
            assertThat(transcript.toString()).doesNotContain(PASSWORD.substring(0, 6));
        });
        assertThat(server.messages().get(0).transcript()).isNotEmpty()
                .noneMatch(line -> secrets.stream().anyMatch(line::contains));
    }
}
