package io.github.fakesmtp.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * fake-smtp as a module-path user sees it, over the packaged jars: a consumer module compiles against the
 * API of io.github.fakesmtp and io.github.fakesmtp.junit5, cannot import their implementation packages, and
 * runs - a server started, a message sent with Jakarta Mail over STARTTLS, captured, parsed and asserted
 * softly - with nothing on the class path.
 */
@Timeout(120)
class ModulePathIT {

    private static final String CONSUMER_MODULE = """
            module consumer {
                requires io.github.fakesmtp.junit5;
                requires org.assertj.core;
            }
            """;

    private static final String API_USER = """
            package consumer;

            import io.github.fakesmtp.FakeSmtpServer;
            import io.github.fakesmtp.FakeSmtpTls;
            import io.github.fakesmtp.ReceivedMessage;
            import io.github.fakesmtp.TlsMode;
            import io.github.fakesmtp.assertj.FakeSmtpAssertions;
            import io.github.fakesmtp.assertj.FakeSmtpSoftAssertions;
            import io.github.fakesmtp.junit5.FakeSmtp;
            import jakarta.mail.Message;
            import jakarta.mail.Session;
            import jakarta.mail.Transport;
            import jakarta.mail.internet.InternetAddress;
            import jakarta.mail.internet.MimeMessage;
            import java.time.Duration;
            import java.util.Properties;

            @FakeSmtp
            public class Main {
                public static void main(String[] args) throws Exception {
                    try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.STARTTLS).start()) {
                        Properties properties = new Properties();
                        properties.put("mail.smtp.host", server.host());
                        properties.put("mail.smtp.port", String.valueOf(server.port()));
                        properties.put("mail.smtp.starttls.enable", "true");
                        properties.put("mail.smtp.starttls.required", "true");
                        properties.putAll(FakeSmtpTls.angusMailProperties("smtp"));
                        MimeMessage mail = new MimeMessage(Session.getInstance(properties));
                        mail.setFrom(new InternetAddress("app@example.com"));
                        mail.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
                        mail.setSubject("Sent from a module");
                        mail.setText("hello");
                        Transport.send(mail);

                        ReceivedMessage received = server.takeMessage(Duration.ofSeconds(10));
                        FakeSmtpAssertions.assertThat(server).hasReceivedExactly(1);
                        FakeSmtpSoftAssertions.assertSoftly(softly -> softly.assertThat(received)
                                .hasSubject("Sent from a module"));
                        System.out.println("consumer received '" + received.subject() + "' over TLS: "
                                + received.usedTls());
                    }
                }
            }
            """;

    @TempDir
    Path work;

    @Test
    void aConsumerModuleCompilesAgainstTheApiAndRunsWithNothingOnTheClassPath() throws Exception {
        Path classes = work.resolve("classes");
        Compilation compilation = compile(classes, API_USER);
        assertThat(compilation.succeeded()).as("compiling against the API:%n%s", compilation.output()).isTrue();

        Path log = work.resolve("consumer.log");
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath() + File.pathSeparator + classes,
                // AssertJ's soft assertions subclass an assert class at run time, in its package (which is open
                // to AssertJ), with Byte Buddy, which AssertJ requires only statically; the subclass refers to
                // AssertJ packages it does not export. The same holds for any custom assert class.
                "--add-modules", "net.bytebuddy", "--add-reads", "org.assertj.core=io.github.fakesmtp.junit5",
                "--add-exports", "org.assertj.core/org.assertj.core.api.recursive.assertion=io.github.fakesmtp.junit5",
                "--add-exports", "org.assertj.core/org.assertj.core.api.recursive.comparison=io.github.fakesmtp.junit5",
                "-m", "consumer/consumer.Main")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended;
        try {
            ended = java.waitFor(60, TimeUnit.SECONDS);
        } finally {
            java.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(ended).as("the consumer ended; output:%n%s", output).isTrue();
        assertThat(java.exitValue()).as("exit value; output:%n%s", output).isZero();
        assertThat(output).contains("consumer received 'Sent from a module' over TLS: true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.github.fakesmtp.internal", "io.github.fakesmtp.internal.report"})
    void aConsumerModuleCannotImportAnImplementationPackage(String internal) throws IOException {
        Compilation compilation = compile(work.resolve("classes"), """
                package consumer;

                import %s.*;

                public class Main {
                }
                """.formatted(internal));
        assertThat(compilation.succeeded()).as("compiling an import of %s", internal).isFalse();
        assertThat(compilation.output()).contains("package " + internal + " is not visible");
    }

    private record Compilation(boolean succeeded, String output) {
    }

    /** Compiles the consumer module with {@code source} as its class consumer.Main, javac's output kept. */
    private Compilation compile(Path classes, String source) throws IOException {
        Path sources = work.resolve("src");
        Files.createDirectories(sources.resolve("consumer"));
        Files.writeString(sources.resolve("module-info.java"), CONSUMER_MODULE);
        Files.writeString(sources.resolve("consumer").resolve("Main.java"), source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = javac.run(null, output, output, "--module-path", modulePath(), "-d", classes.toString(),
                sources.resolve("module-info.java").toString(), sources.resolve("consumer").resolve("Main.java").toString());
        return new Compilation(exit == 0, output.toString(StandardCharsets.UTF_8));
    }

    /** This module's jar, and the compile and provided dependencies: core's jar, Jakarta Mail, JUnit, AssertJ. */
    private static String modulePath() throws IOException {
        Path dependencies = Path.of(System.getProperty("consumerModulePath"));
        return System.getProperty("moduleJar") + File.pathSeparator + Files.readString(dependencies).trim();
    }
}
