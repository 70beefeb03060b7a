package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as a process, used the way tests in other languages use it: mail sent with swaks, Python's smtplib and
 * Angus Mail; the API read and driven with curl, Python and Java's HttpClient.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExternalClientsIT {

    private static JarProcess jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        jar = JarProcess.start("--quiet");
    }

    @AfterAll
    static void stop() throws Exception {
        jar.close();
    }

    @BeforeEach
    void clear() {
        jar.api().delete("/api/v1/messages").expect(204);
        jar.api().delete("/api/v1/faults").expect(204);
    }

    private String url(String path) {
        return jar.apiBase() + path;
    }

    private static JsonNode json(String text) throws Exception {
        return Api.JSON.readTree(text);
    }

    private String swaks(String to, String subject) throws Exception {
        return Tools.run(60, "swaks", "--server", "127.0.0.1:" + jar.smtpPort(), "--from", "alice@example.com",
                "--to", to, "--header", "Subject: " + subject, "--body", "Sent by swaks").output();
    }

    @Test
    void curlReadsWhatSwaksSent() throws Exception {
        assertThat(swaks("bob@example.com", "Hello from swaks")).contains("<-  250 2.0.0");

        JsonNode list = json(Tools.ok("curl", "-sS", "--fail", url("/api/v1/messages?to=bob@example.com")));
        JsonNode summary = list.get("messages").get(0);
        assertThat(summary.get("subject").asText()).isEqualTo("Hello from swaks");
        assertThat(summary.get("from").asText()).isEqualTo("alice@example.com");
        String id = summary.get("id").asText();
        JsonNode detail = json(Tools.ok("curl", "-sS", "--fail", url("/api/v1/messages/" + id)));
        assertThat(detail.get("text").asText()).contains("Sent by swaks");
        assertThat(detail.get("headers").toString()).contains("X-Mailer");
        String raw = Tools.ok("curl", "-sS", "--fail", url("/api/v1/messages/" + id + "/raw"));
        assertThat(raw).contains("Subject: Hello from swaks").contains("Sent by swaks");
        assertThat(Tools.ok("curl", "-sS", "--fail", "-X", "DELETE", "-o", "/dev/null", "-w", "%{http_code}",
                url("/api/v1/messages/" + id))).isEqualTo("204");
    }

    /** "Fail the first two attempts with 451, then accept", posted with curl and met by swaks. */
    @Test
    void aFaultPostedWithCurlIsSeenBySwaks_rfc5321_4_2_5() throws Exception {
        String posted = Tools.ok("curl", "-sS", "--fail", "-H", "Content-Type: application/json", "-d",
                "{\"phase\":\"END_OF_DATA\",\"times\":2,\"reply\":{\"code\":451,\"enhancedCode\":\"4.3.0\",\"text\":\"Try again later\"}}",
                url("/api/v1/faults"));
        String faultUrl = json(posted).get("url").asText();
        for (int attempt = 1; attempt <= 2; attempt++) {
            Tools.Result refused = Tools.run(60, "swaks", "--server", "127.0.0.1:" + jar.smtpPort(), "--from",
                    "alice@example.com", "--to", "bob@example.com");
            assertThat(refused.exitCode()).as("swaks exit status on attempt %d", attempt).isNotZero();
            assertThat(refused.output()).contains("<** 451 4.3.0 Try again later");
        }
        assertThat(swaks("bob@example.com", "third time lucky")).contains("<-  250 2.0.0");
        JsonNode fault = json(Tools.ok("curl", "-sS", "--fail", url(faultUrl)));
        assertThat(fault.get("fired").asInt()).isEqualTo(2);
        assertThat(fault.get("exhausted").asBoolean()).isTrue();
        assertThat(json(Tools.ok("curl", "-sS", url("/api/v1/messages"))).get("messages")).hasSize(1);
        assertThat(json(Tools.ok("curl", "-sS", url("/api/v1/rejections"))).get("rejections")).hasSize(2);
    }

    @Test
    void curlCreatesAndDeletesAnIsolatedServer() throws Exception {
        String created = Tools.ok("curl", "-sS", "--fail", "-H", "Content-Type: application/json", "-d",
                "{\"users\":[\"app:s3cret\"],\"authRequired\":true}", url("/api/v1/servers"));
        JsonNode server = json(created);
        String base = server.get("url").asText();
        Tools.ok("swaks", "--server", "127.0.0.1:" + server.get("smtpPort").asInt(), "--auth", "PLAIN",
                "--auth-user", "app", "--auth-password", "s3cret", "--from", "alice@example.com", "--to", "bob@example.com");
        JsonNode messages = json(Tools.ok("curl", "-sS", "--fail", url(base + "/messages?wait=PT10S")));
        assertThat(messages.get("messages").get(0).get("authenticatedUser").asText()).isEqualTo("app");
        assertThat(json(Tools.ok("curl", "-sS", url("/api/v1/messages"))).get("messages")).isEmpty();
        assertThat(Tools.ok("curl", "-sS", "-X", "DELETE", "-o", "/dev/null", "-w", "%{http_code}", url(base))).isEqualTo("204");
        String gone = Tools.run(30, "curl", "-sS", "-i", url(base)).output();
        assertThat(gone).startsWith("HTTP/1.1 404").contains("application/problem+json");
    }

    @Test
    void curlSeesProblemJsonForABadRule() throws Exception {
        String answer = Tools.run(30, "curl", "-sS", "-i", "-H", "Content-Type: application/json", "-d",
                "{\"phase\":\"NOPE\",\"disconnect\":true}", url("/api/v1/faults")).output();
        assertThat(answer).startsWith("HTTP/1.1 400").contains("Content-type: application/problem+json")
                .contains("\"field\":\"phase\"");
        String text = Tools.run(30, "curl", "-sS", "-i", "-d", "{}", url("/api/v1/servers")).output(); // curl's default form type
        assertThat(text).startsWith("HTTP/1.1 415");
    }

    @Test
    void pythonSmtplibSendsAndJavaReads() throws Exception {
        Tools.ok("python3", "-c", """
                import smtplib, sys
                from email.message import EmailMessage
                msg = EmailMessage()
                msg['From'], msg['To'], msg['Subject'] = 'py@example.com', 'zoë@example.com', 'Grüße aus Python'
                msg.set_content('Hallo')
                with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=20) as s:
                    s.send_message(msg)
                """, Integer.toString(jar.smtpPort()));
        JsonNode summary = jar.api().get("/api/v1/messages?wait=PT10S").expect(200).get("messages").get(0);
        assertThat(summary.get("subject").asText()).isEqualTo("Grüße aus Python");
        assertThat(summary.get("to").get(0).asText()).isEqualTo("zoë@example.com");
        JsonNode detail = jar.api().get(summary.get("url").asText()).expect(200);
        assertThat(detail.get("smtpUtf8").asBoolean()).isTrue(); // RFC 6531: smtplib asks for it for a UTF-8 address
    }

    @Test
    void angusMailSendsAndCurlDownloadsTheAttachment() throws Exception {
        byte[] csv = "a;b\r\n1;2\r\n".getBytes(StandardCharsets.UTF_8);
        Mails.send(Mails.invoice(Mails.session(jar.smtpPort(), false), csv), null, null);
        String attachmentUrl = jar.api().get("/api/v1/messages/latest").expect(200).get("attachments").get(0).get("url").asText();
        Path file = dir.resolve("download.csv");
        Tools.ok("curl", "-sS", "--fail", "-o", file.toString(), url(attachmentUrl));
        assertThat(Files.readAllBytes(file)).isEqualTo(csv);
    }

    /** Tests in parallel, each with a server of its own: the use the API is built for. */
    @Test
    void pythonTestsRunInParallelOnIsolatedServers() throws Exception {
        Path script = dir.resolve("isolated_servers.py");
        try (InputStream in = getClass().getResourceAsStream("isolated_servers.py")) {
            Files.write(script, in.readAllBytes());
        }
        String output = Tools.ok("python3", script.toString(), jar.apiBase(), "24", "8");
        System.out.println(output.trim());
        assertThat(output).contains("isolated servers: 24 tests on 8 threads");
    }

    /** README's Python example, as written there, against this server. */
    @Test
    void theReadmePythonExampleRuns() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("readme")), StandardCharsets.UTF_8);
        Matcher example = Pattern.compile("(?s)<!-- python-example -->\\s*```python\\n(.*?)```").matcher(readme);
        assertThat(example.find()).as("README.md has the marked Python example").isTrue();
        String code = example.group(1).replace("http://127.0.0.1:8025", jar.apiBase());
        Path script = Files.writeString(dir.resolve("readme_example.py"), code, StandardCharsets.UTF_8);
        Tools.ok("python3", script.toString());
    }
}
