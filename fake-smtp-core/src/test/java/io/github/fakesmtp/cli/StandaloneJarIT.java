package io.github.fakesmtp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.FakeSmtpTls;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone jar, run as a real process: {@code java -jar fake-smtp-core-<version>-standalone.jar}. Runs
 * in the integration-test phase, once the jar has been packaged; its path comes in the system property
 * {@code standaloneJar}.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StandaloneJarIT {

    private static final Pattern LISTENING = Pattern.compile("fake-smtp listening on 127\\.0\\.0\\.1:(\\d+)");

    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path dumpDir;

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process launch(String... args) throws IOException {
        String jar = System.getProperty("standaloneJar");
        assertThat(jar).as("system property standaloneJar").isNotBlank();
        assertThat(Path.of(jar)).exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        processes.add(process);
        return process;
    }

    /** Reads stdout lines on a thread of its own, so the test can wait for a line with a deadline. */
    private static BlockingQueue<String> lines(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "standalone-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String nextLine(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(30, TimeUnit.SECONDS); // a cold JVM start on a busy machine
        assertThat(line).as("a line on stdout within 30 s").isNotNull();
        return line;
    }

    @Test
    void runsTheServerPrintsEachMessageAndDumpsItsBytes() throws Exception {
        Process process = launch("--port", "0", "--dump-dir", dumpDir.toString());
        BlockingQueue<String> stdout = lines(process);
        Matcher listening = LISTENING.matcher(nextLine(stdout));
        assertThat(listening.matches()).as("first line: 'fake-smtp listening on 127.0.0.1:<port>'").isTrue();
        int port = Integer.parseInt(listening.group(1));

        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", String.valueOf(port));
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "5000");
        properties.setProperty("mail.smtp.writetimeout", "5000");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("alice@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
        message.setSubject("From the shell");
        message.setText("standalone body");
        Transport.send(message); // saves changes (Message-ID, Date) first, so writeTo below shows what was sent
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        message.writeTo(sent);

        String summary = nextLine(stdout);
        assertThat(summary).startsWith("message #1 from=<alice@example.com> to=bob@example.com "
                + "subject=\"From the shell\" size=");
        Path eml = dumpDir.resolve("1.eml");
        assertThat(eml).exists();
        byte[] dumped = Files.readAllBytes(eml);
        // what the client wrote, plus the CRLF the transport adds to end the data (RFC 5321 section 4.1.1.4)
        String expected = sent.toString(StandardCharsets.US_ASCII);
        assertThat(new String(dumped, StandardCharsets.US_ASCII)).isIn(expected, expected + "\r\n");
        assertThat(summary).endsWith("size=" + dumped.length);

        process.destroy(); // SIGTERM: the shutdown hook closes the server
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the process exits after destroy()").isTrue();
    }

    @Test
    void badFlagExitsWith2AndPrintsUsageOnStderr() throws Exception {
        Process process = launch("--no-such-flag");
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr).contains("fake-smtp: unknown option '--no-such-flag'").contains("Usage:", "--dump-dir");
    }

    @Test
    void helpPrintsUsageAndExits0() throws Exception {
        Process process = launch("--help");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("Usage: java -jar fake-smtp-core-");
    }

    @Test
    void startTlsModeWorksFromTheShell() throws Exception {
        Process process = launch("--port", "0", "--tls", "starttls", "--user", "app:s3cret", "--auth-required");
        BlockingQueue<String> stdout = lines(process);
        Matcher listening = LISTENING.matcher(nextLine(stdout));
        assertThat(listening.matches()).isTrue();
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", listening.group(1));
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "5000");
        properties.setProperty("mail.smtp.writetimeout", "5000");
        properties.setProperty("mail.smtp.auth", "true");
        properties.setProperty("mail.smtp.starttls.enable", "true");
        properties.setProperty("mail.smtp.starttls.required", "true");
        properties.putAll(FakeSmtpTls.angusMailProperties("smtp"));
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("alice@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
        message.setSubject("tls");
        message.setText("x");
        Transport.send(message, "app", "s3cret");
        assertThat(nextLine(stdout)).startsWith("message #1 from=<alice@example.com>");
    }
}
