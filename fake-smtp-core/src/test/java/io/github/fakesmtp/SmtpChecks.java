package io.github.fakesmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

/** Checks shared by the protocol tests. */
final class SmtpChecks {

    static final Duration WAIT = Duration.ofSeconds(5);

    private SmtpChecks() {
    }

    /** A minimal valid message; {@code subject} makes it recognisable. */
    static String message(String subject, String body) {
        return "From: alice@example.com\r\nTo: bob@example.com\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n";
    }

    /**
     * After a refused input: nothing was captured, and the server still serves a fresh connection end to end
     * (the refusal left no broken state behind).
     */
    static void assertNothingCapturedAndStillServes(FakeSmtpServer server) {
        assertThat(server.messages()).as("messages captured after a refused input").isEmpty();
        assertStillServes(server);
    }

    /** A fresh connection can send a message, and it is captured. */
    static void assertStillServes(FakeSmtpServer server) {
        int before = server.messageCount();
        String subject = "still serving " + UUID.randomUUID();
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.sendMessage("alice@example.com", "bob@example.com", message(subject, "fine"))
                    .expect(250, "2.0.0");
            client.command("QUIT").expect(221, "2.0.0");
        }
        assertThat(server.messages()).hasSize(before + 1);
        assertThat(server.messages().get(before).subject()).isEqualTo(subject);
    }

    /** A fresh connection can log in with AUTH PLAIN and send a message, and it is captured. */
    static void assertStillServesAuthenticated(FakeSmtpServer server, String user, String password) {
        int before = server.messageCount();
        String plain = java.util.Base64.getEncoder().encodeToString(
                ("\0" + user + "\0" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.command("AUTH PLAIN " + plain).expect(235, "2.7.0");
            client.sendMessage("alice@example.com", "bob@example.com", message("after auth", "fine"))
                    .expect(250, "2.0.0");
        }
        assertThat(server.messages()).hasSize(before + 1);
    }
}
