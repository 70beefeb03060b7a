package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.fakesmtp.FakeSmtpTls;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a process: its command line, ready line, per-message line, dump files, exit codes, and the
 * web inbox it carries.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StandaloneJarIT {

    @TempDir
    Path dumpDir;

    @Test
    void theJarIsSelfContainedWithJacksonAndPicocliRelocated() throws Exception {
        try (JarFile jar = new JarFile(JarProcess.jar().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(FakeSmtpMain.class.getName());
            assertThat(jar.stream().map(java.util.zip.ZipEntry::getName))
                    .contains("io/github/fakesmtp/FakeSmtpServer.class", "jakarta/mail/Session.class",
                            "io/github/fakesmtp/standalone/shaded/jackson/databind/ObjectMapper.class",
                            "io/github/fakesmtp/standalone/shaded/picocli/CommandLine.class",
                            "io/github/fakesmtp/standalone/openapi.json")
                    .noneMatch(name -> name.startsWith("com/fasterxml/") || name.startsWith("picocli/")
                            || name.startsWith("META-INF/versions/") || name.endsWith("module-info.class"));
        }
    }

    @Test
    void servesTheWebInboxFromInsideTheJar() throws Exception {
        try (JarProcess jar = JarProcess.start()) {
            Api.Response page = jar.api().get("/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(page.header("Content-Security-Policy")).isEqualTo(InboxRoutes.PAGE_POLICY);
            assertThat(page.text()).contains("<script type=\"module\" src=\"/inbox/inbox.js\"></script>");
            for (String name : InboxRoutes.FILES) {
                Api.Response file = jar.api().get(InboxRoutes.FILES_PATH + name);
                assertThat(file.status()).as(name).isEqualTo(200);
                assertThat(file.header("Content-Type")).as(name).isEqualTo(InboxRoutes.contentType(name));
            }
        }
    }

    @Test
    void servesSmtpAndTheApiPrintsEachMessageAndDumpsItsBytes() throws Exception {
        try (JarProcess jar = JarProcess.start("--dump-dir", dumpDir.toString())) {
            MimeMessage message = new MimeMessage(Mails.session(jar.smtpPort(), false));
            message.setFrom(new InternetAddress("alice@example.com"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
            message.setSubject("From the shell");
            message.setText("standalone body");
            Transport.send(message);

            String line = jar.nextLine();
            assertThat(line).startsWith("message #1 from=<alice@example.com> to=[bob@example.com] subject='From the shell' size=");
            byte[] dumped = Files.readAllBytes(dumpDir.resolve("1.eml"));
            JsonNode summary = jar.api().get("/api/v1/messages").expect(200).get("messages").get(0);
            assertThat(line).endsWith("size=" + dumped.length + " " + jar.apiBase() + "/api/v1/messages/" + summary.get("id").asText());
            assertThat(jar.api().get("/api/v1/messages/latest/raw").body()).isEqualTo(dumped);
            assertThat(jar.api().get("/healthz").expect(200).get("smtpPort").asInt()).isEqualTo(jar.smtpPort());

            jar.process.destroy(); // SIGTERM: the shutdown hook closes both servers
            assertThat(jar.exitValue()).as("exit status after SIGTERM").isEqualTo(143);
            assertThat(jar.stderr()).isEmpty();
        }
    }

    @Test
    void optionsComeFromEnvironmentVariablesToo() throws Exception {
        try (JarProcess jar = JarProcess.launch(Map.of("FAKE_SMTP_PORT", "0", "FAKE_SMTP_HTTP_PORT", "0",
                "FAKE_SMTP_MAX_MESSAGES", "3", "FAKE_SMTP_QUIET", "true"))) {
            jar.awaitReady();
            for (int i = 1; i <= 5; i++) {
                assertThat(Smtp.sendOne("127.0.0.1", jar.smtpPort(), "a@example.com", "b@example.com", "m" + i)).isEqualTo(250);
            }
            // --max-messages 3 (from FAKE_SMTP_MAX_MESSAGES): the two oldest are gone
            assertThat(jar.api().get("/api/v1/messages").expect(200).get("messages"))
                    .extracting(m -> m.get("subject").asText()).containsExactly("m3", "m4", "m5");
        }
    }

    @Test
    void withoutTheApiOnlySmtpIsReady() throws Exception {
        try (JarProcess jar = JarProcess.launch(Map.of(), "--port", "0", "--no-http")) {
            Matcher ready = jar.awaitReady();
            assertThat(ready.group(2)).isNull();
            assertThat(Smtp.sendOne("127.0.0.1", jar.smtpPort(), "a@example.com", "b@example.com", "no api")).isEqualTo(250);
        }
    }

    @Test
    void aBadOptionExits2WithTheProblemAndUsageOnStderr() throws Exception {
        JarProcess jar = JarProcess.launch(Map.of(), "--no-such-flag");
        assertThat(jar.exitValue()).isEqualTo(2);
        assertThat(jar.stderr()).startsWith("fake-smtp: Unknown option: '--no-such-flag'").contains("Usage:", "--dump-dir");
    }

    @Test
    void helpAndVersionExit0() throws Exception {
        JarProcess help = JarProcess.launch(Map.of(), "--help");
        assertThat(help.exitValue()).isZero();
        assertThat(help.remainingStdout()).startsWith("Usage: java -jar fake-smtp-standalone-<version>.jar [options]");
        JarProcess version = JarProcess.launch(Map.of(), "--version");
        assertThat(version.exitValue()).isZero();
        assertThat(version.remainingStdout().trim()).matches("fake-smtp \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void startTlsWithAuthFromTheShell_rfc3207_rfc4954() throws Exception {
        try (JarProcess jar = JarProcess.start("--tls", "starttls", "--user", "app:s3cret", "--auth-required")) {
            Session session = Mails.session(jar.smtpPort(), true);
            session.getProperties().setProperty("mail.smtp.starttls.enable", "true");
            session.getProperties().setProperty("mail.smtp.starttls.required", "true");
            session.getProperties().putAll(FakeSmtpTls.angusMailProperties("smtp"));
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("alice@example.com"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
            message.setSubject("tls");
            message.setText("x");
            Transport.send(message, "app", "s3cret");
            assertThat(jar.nextLine()).startsWith("message #1 from=<alice@example.com>");
            JsonNode detail = jar.api().get("/api/v1/messages/latest").expect(200);
            assertThat(detail.get("tls").asBoolean()).isTrue();
            assertThat(detail.get("authenticatedUser").asText()).isEqualTo("app");
        }
    }
}
