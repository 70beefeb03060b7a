package io.github.fakesmtp;

import static io.github.fakesmtp.SmtpChecks.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Session transcripts: numbered by their connection whatever was cleared before, and bounded, so that a
 * server that records them for hours (a per-class server of the JUnit extension) does not grow without limit.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TranscriptsTest {

    private static FakeSmtpServer recording() {
        return FakeSmtpServer.builder().recordTranscripts(true).start();
    }

    private static void send(FakeSmtpServer server, String subject) {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            client.sendMessage("a@example.com", "b@example.com", message(subject, "x")).expect(250, "2.0.0");
            client.command("QUIT").expect(221, "2.0.0");
        }
    }

    @Test
    void afterClearATranscriptKeepsTheNumberOfItsConnection() {
        try (FakeSmtpServer server = recording()) {
            send(server, "one");
            send(server, "two");
            server.clear(); // as the JUnit extension does before each test of a per-class server
            send(server, "three");

            ReceivedMessage message = server.takeMessage(SmtpChecks.WAIT);
            assertThat(message.connectionIndex()).isEqualTo(3);
            assertThat(server.transcripts()).singleElement().satisfies(transcript -> {
                assertThat(transcript.connectionIndex()).isEqualTo(3);
                assertThat(transcript.lines()).contains("S: 250 2.0.0 Ok: queued as 3.1");
            });
            assertThat(FakeSmtpServerReport.of(server).getMessage()).contains("\n  session 3:")
                    .doesNotContain("session 1:");
        }
    }

    @Test
    void theLastFiveHundredSessionsAreKeptAndTheReportSaysThatOlderOnesWereDropped() {
        try (FakeSmtpServer server = recording()) {
            for (int i = 0; i < 505; i++) {
                try (SmtpTestClient client = SmtpTestClient.connect(server)) {
                    client.readReply().expect(220);
                    client.command("QUIT").expect(221, "2.0.0");
                }
            }
            // A line is recorded before it is sent: once the client has its 221, the session is complete.
            assertThat(server.transcripts()).hasSize(500);
            assertThat(server.transcripts().get(0).connectionIndex()).isEqualTo(6);
            assertThat(server.transcripts().get(499).connectionIndex()).isEqualTo(505);
            assertThat(server.droppedTranscripts()).isEqualTo(5);
            assertThat(FakeSmtpServerReport.of(server).getMessage())
                    .contains("SMTP transcript of 500 sessions")
                    .contains("… 5 older sessions dropped: the server keeps the transcripts of its last 500 sessions")
                    .contains("… 480 earlier sessions left out")
                    .contains("\n  session 505:");

            server.clear();
            assertThat(server.droppedTranscripts()).isZero();
        }
    }

    @Test
    void aLongSessionKeepsItsFirstLinesAndCountsTheOthers() {
        try (FakeSmtpServer server = recording();
                SmtpTestClient client = SmtpTestClient.ready(server)) {
            int commands = 5000; // 10,000 lines, far more than a session keeps
            client.send("NOOP\r\n".repeat(commands).getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < commands; i++) {
                client.readReply().expect(250, "2.0.0");
            }
            client.command("QUIT").expect(221, "2.0.0");

            List<String> lines = server.transcripts().get(0).lines();
            assertThat(lines.get(0)).isEqualTo("S: 220 localhost ESMTP fake-smtp");
            assertThat(lines.subList(0, lines.size() - 1).stream().mapToInt(String::length).sum())
                    .isLessThanOrEqualTo(32 * 1024);
            assertThat(lines.get(lines.size() - 1)).matches(
                    "   \\[\\d+ more lines not recorded: a transcript keeps 32768 characters\\]");
        }
    }

    @Test
    void eachMessageOfALongSessionCarriesTheSessionUpToItUnchangedByWhatCameLater() {
        int messages = 40;
        try (FakeSmtpServer server = recording();
                SmtpTestClient client = SmtpTestClient.ready(server)) {
            for (int i = 1; i <= messages; i++) {
                client.sendMessage("a@example.com", "b@example.com", message("message " + i, "x"))
                        .expect(250, "2.0.0");
            }
            client.command("QUIT").expect(221, "2.0.0");

            List<ReceivedMessage> received = server.awaitMessages(messages, SmtpChecks.WAIT);
            List<String> whole = server.transcripts().get(0).lines();
            for (int i = 0; i < messages; i++) {
                List<String> upToIt = received.get(i).transcript();
                // the session up to this message's data, whose 250 is sent once the message is captured
                assertThat(upToIt).as("message %d", i + 1).isEqualTo(whole.subList(0, upToIt.size()));
                assertThat(upToIt.get(upToIt.size() - 1)).endsWith(" octets of message data]");
                assertThat(upToIt.stream().filter(line -> line.equals("C: DATA")).count()).isEqualTo(i + 1);
                if (i > 0) {
                    assertThat(upToIt).startsWith(received.get(i - 1).transcript().toArray(String[]::new));
                }
            }
            assertThat(received.get(0).transcript()).as("the first message's transcript, after 39 more")
                    .containsOnlyOnce("C: DATA").doesNotContain("S: 221 2.0.0 Bye");
        }
    }
}
