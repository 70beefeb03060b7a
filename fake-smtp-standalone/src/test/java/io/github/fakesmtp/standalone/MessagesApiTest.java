package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The message routes over real sockets: Angus Mail and a raw client send, Java's HttpClient reads. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MessagesApiTest {

    private static final byte[] CSV = "invoice;amount\r\n42;19.99\r\n".getBytes(StandardCharsets.UTF_8);

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> subjects(JsonNode list) {
        List<String> subjects = new ArrayList<>();
        list.get("messages").forEach(message -> subjects.add(message.get("subject").asText()));
        return subjects;
    }

    @Test
    void listsSummariesInArrivalOrderAndFiltersThem() {
        server = TestServer.start();
        assertThat(server.api.get("/api/v1/messages").expect(200).get("messages")).isEmpty();
        server.send("alice@example.com", "bob@example.com", "Welcome Bob");
        server.send("alice@example.com", "carol@example.org", "Welcome Carol");
        server.send("billing@example.com", "bob@example.com", "Your invoice");

        JsonNode all = server.api.get("/api/v1/messages").expect(200);
        assertThat(subjects(all)).containsExactly("Welcome Bob", "Welcome Carol", "Your invoice");
        assertThat(all.has("complete")).as("complete only comes with wait").isFalse();
        JsonNode first = all.get("messages").get(0);
        assertThat(first.get("sequence").asInt()).isEqualTo(1);
        assertThat(first.get("from").asText()).isEqualTo("alice@example.com");
        assertThat(first.get("to")).hasSize(1);
        assertThat(first.get("to").get(0).asText()).isEqualTo("bob@example.com");
        assertThat(first.get("size").asInt()).isEqualTo(server.server.smtp().messages().get(0).size());
        assertThat(first.get("receivedAt").asText()).isEqualTo(server.server.smtp().messages().get(0).receivedAt().toString());
        assertThat(first.get("id").asText()).endsWith("-1");

        assertThat(subjects(server.api.get("/api/v1/messages?to=BOB@").expect(200))).containsExactly("Welcome Bob", "Your invoice");
        assertThat(subjects(server.api.get("/api/v1/messages?from=billing").expect(200))).containsExactly("Your invoice");
        assertThat(subjects(server.api.get("/api/v1/messages?subject=welcome").expect(200))).containsExactly("Welcome Bob", "Welcome Carol");
        assertThat(subjects(server.api.get("/api/v1/messages?subject=welcome%20carol").expect(200))).containsExactly("Welcome Carol");
        String firstId = first.get("id").asText();
        assertThat(subjects(server.api.get("/api/v1/messages?after=" + firstId).expect(200))).containsExactly("Welcome Carol", "Your invoice");
        assertThat(subjects(server.api.get("/api/v1/messages?after=" + firstId + "&to=bob").expect(200))).containsExactly("Your invoice");
        assertThat(server.api.get("/api/v1/messages?to=nobody").expect(200).get("messages")).isEmpty();
    }

    @Test
    void detailShowsEnvelopeHeadersBodiesAttachmentsSessionAndTranscriptWithAuthMasked() throws Exception {
        server = TestServer.start(Map.of(ServerOption.USERS, List.of("app:s3cret")));
        byte[] sent = Mails.send(Mails.invoice(Mails.session(server.smtpPort(), true), CSV), "app", "s3cret");

        JsonNode summary = server.api.get("/api/v1/messages").expect(200).get("messages").get(0);
        assertThat(summary.get("subject").asText()).isEqualTo("Rechnung für Zoë");
        assertThat(summary.get("attachmentCount").asInt()).isEqualTo(1);
        assertThat(summary.get("authenticatedUser").asText()).isEqualTo("app");
        assertThat(summary.get("tls").asBoolean()).isFalse();
        assertThat(summary.get("to")).extracting(JsonNode::asText)
                .containsExactly("zoe@example.com", "accounts@example.com", "audit@example.com"); // Bcc in the envelope

        String id = summary.get("id").asText();
        JsonNode detail = server.api.get("/api/v1/messages/" + id).expect(200);
        assertThat(detail.get("id").asText()).isEqualTo(id);
        assertThat(detail.get("from").asText()).isEqualTo("billing@example.com");
        assertThat(detail.get("addresses").get("to")).extracting(JsonNode::asText).containsExactly("zoe@example.com");
        assertThat(detail.get("addresses").get("cc")).extracting(JsonNode::asText).containsExactly("accounts@example.com");
        assertThat(detail.get("addresses").get("replyTo")).extracting(JsonNode::asText).containsExactly("help@example.com");
        assertThat(detail.get("addresses").get("from")).extracting(JsonNode::asText).containsExactly("billing@example.com");
        List<String> headerNames = new ArrayList<>();
        detail.get("headers").forEach(header -> {
            headerNames.add(header.get("name").asText());
            if (header.get("name").asText().equals("Subject")) {
                assertThat(header.get("value").asText()).isEqualTo("Rechnung für Zoë"); // RFC 2047 decoded
            }
        });
        assertThat(headerNames).contains("From", "To", "Cc", "Reply-To", "Subject", "Message-ID", "MIME-Version")
                .doesNotContain("Bcc");
        assertThat(detail.get("text").asText()).isEqualTo("Your invoice is attached. Grüße");
        assertThat(detail.get("html").asText()).contains("<b>invoice</b>");
        JsonNode attachment = detail.get("attachments").get(0);
        assertThat(attachment.get("name").asText()).isEqualTo("invoice-42.csv");
        assertThat(attachment.get("contentType").asText()).isEqualTo("text/csv");
        assertThat(attachment.get("size").asInt()).isEqualTo(CSV.length);
        assertThat(attachment.get("url").asText()).isEqualTo("/api/v1/messages/" + id + "/attachments/0");
        assertThat(detail.get("helo").asText()).isNotBlank();
        assertThat(detail.get("authenticatedUser").asText()).isEqualTo("app");
        assertThat(detail.get("smtpUtf8").asBoolean()).isFalse();
        assertThat(detail.get("clientAddress").asText()).startsWith("127.0.0.1:");
        List<String> transcript = new ArrayList<>();
        detail.get("transcript").forEach(line -> transcript.add(line.asText()));
        assertThat(transcript).anyMatch(line -> line.startsWith("C: AUTH ")).anyMatch(line -> line.startsWith("S: 235"))
                .noneMatch(line -> line.contains("s3cret"))
                .noneMatch(line -> line.contains(java.util.Base64.getEncoder().encodeToString("\0app\0s3cret".getBytes(StandardCharsets.UTF_8))));

        Api.Response raw = server.api.get("/api/v1/messages/" + id + "/raw");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.header("Content-Type")).isEqualTo("message/rfc822");
        assertThat(raw.body()).isEqualTo(server.server.smtp().messages().get(0).rawBytes());
        String sentText = new String(sent, StandardCharsets.US_ASCII);
        String rawText = new String(raw.body(), StandardCharsets.US_ASCII);
        // what the client wrote, without the Bcc header that Transport leaves out of the data
        assertThat(rawText).isIn(sentText.replace("Bcc: audit@example.com\r\n", ""),
                sentText.replace("Bcc: audit@example.com\r\n", "") + "\r\n");

        Api.Response csv = server.api.get(attachment.get("url").asText());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).isEqualTo("text/csv");
        assertThat(csv.header("Content-Disposition")).startsWith("attachment; filename=\"invoice-42.csv\"");
        assertThat(csv.header("Content-Security-Policy")).startsWith("sandbox");
        assertThat(csv.body()).isEqualTo(CSV);

        Api.Response html = server.api.get("/api/v1/messages/" + id + "/html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(html.header("Content-Security-Policy")).startsWith("sandbox allow-popups allow-popups-to-escape-sandbox;")
                .contains("default-src 'none'").contains("form-action 'none'")
                .doesNotContain("allow-scripts", "allow-same-origin", "allow-forms", "allow-top-navigation");
        assertThat(html.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(html.text()).contains("<script>alert(1)</script>"); // as sent, scripts included: the policy keeps them inert

        assertThat(server.api.get("/api/v1/messages/latest").expect(200).get("id").asText()).isEqualTo(id);
        server.api.get("/api/v1/messages/" + id + "/attachments/1").problem(404);
        server.api.get("/api/v1/messages/" + id + "/attachments/x").problem(404);
    }

    @Test
    void deletesOneMessageOrAll() {
        server = TestServer.start();
        server.send("a@example.com", "b@example.com", "one");
        server.send("a@example.com", "b@example.com", "two");
        server.send("a@example.com", "b@example.com", "three");
        String two = server.api.get("/api/v1/messages").expect(200).get("messages").get(1).get("id").asText();
        assertThat(server.api.delete("/api/v1/messages/" + two).status()).isEqualTo(204);
        assertThat(subjects(server.api.get("/api/v1/messages").expect(200))).containsExactly("one", "three");
        assertThat(server.api.delete("/api/v1/messages/" + two).problem(404).get("id").asText()).isEqualTo(two);
        assertThat(server.api.delete("/api/v1/messages").status()).isEqualTo(204);
        assertThat(server.api.get("/api/v1/messages").expect(200).get("messages")).isEmpty();
        server.send("a@example.com", "b@example.com", "four");
        assertThat(server.api.get("/api/v1/messages").expect(200).get("messages").get(0).get("sequence").asInt())
                .as("numbers are not reused after a clear").isEqualTo(4);
    }

    @Test
    void unknownIdsAndBadParametersAreProblemsThatNameThem() {
        server = TestServer.start();
        server.send("a@example.com", "b@example.com", "one");
        String id = server.api.get("/api/v1/messages").expect(200).get("messages").get(0).get("id").asText();
        String token = id.substring(0, id.lastIndexOf('-'));

        JsonNode missing = server.api.get("/api/v1/messages/" + token + "-99").problem(404);
        assertThat(missing.get("id").asText()).isEqualTo(token + "-99");
        assertThat(server.api.get("/api/v1/messages/nope-1").problem(404).get("detail").asText())
                .contains("names its messages " + token + "-1");
        assertThat(server.api.get("/api/v1/messages/nope-1/raw").problem(404).get("id").asText()).isEqualTo("nope-1");
        assertThat(server.api.get("/api/v1/messages?after=zzz").problem(400).get("field").asText()).isEqualTo("after");
        assertThat(server.api.get("/api/v1/messages?sbject=x").problem(400).get("field").asText()).isEqualTo("sbject");
        assertThat(server.api.get("/api/v1/messages?to=a&to=b").problem(400).get("field").asText()).isEqualTo("to");
        assertThat(server.api.get("/api/v1/messages?count=2").problem(400).get("field").asText()).isEqualTo("count");
        assertThat(server.api.get("/api/v1/messages?wait=soon").problem(400).get("field").asText()).isEqualTo("wait");
        assertThat(server.api.get("/api/v1/messages?wait=PT6M").problem(400).get("detail").asText()).contains("at most PT5M");
        assertThat(server.api.get("/api/v1/messages?wait=1&count=0").problem(400).get("field").asText()).isEqualTo("count");
        assertThat(server.api.get("/api/v1/nothing-here").problem(404).get("detail").asText()).contains("/api/v1/openapi.json");
        Api.Response wrongMethod = server.api.send(java.net.http.HttpRequest.newBuilder(server.api.uri("/api/v1/messages"))
                .method("PUT", java.net.http.HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
        wrongMethod.problem(405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("DELETE, GET");
        assertThat(server.api.get("/api/v1/messages").expect(200).get("messages")).hasSize(1); // nothing changed
    }

    @Test
    void printsALinePerMessageWithItsApiUrl() {
        server = TestServer.start();
        server.send("alice@example.com", "bob@example.com", "Hello");
        String id = server.api.get("/api/v1/messages").expect(200).get("messages").get(0).get("id").asText();
        assertThat(server.output()).contains("message #1 from=<alice@example.com> to=[bob@example.com] subject='Hello' size=")
                .contains(" " + server.api.base() + "/api/v1/messages/" + id);
    }
}
