package io.github.fakesmtp.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.TlsMode;
import org.junit.jupiter.api.Test;

/** The property set, key by key: what the README's table documents. */
class SpringMailPropertiesTest {

    @Test
    void aPlainServerWithoutUsersSwitchesOffTlsAuthAndCredentials() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().start()) {
            String port = String.valueOf(server.port());
            assertThat(SpringMailProperties.of(server)).containsExactly(
                    entry("spring.mail.host", "127.0.0.1"),
                    entry("spring.mail.port", port),
                    entry("spring.mail.protocol", "smtp"),
                    entry("spring.mail.username", ""),
                    entry("spring.mail.password", ""),
                    entry("spring.mail.properties.mail.smtp.auth", "false"),
                    entry("spring.mail.properties.mail.smtp.starttls.enable", "false"),
                    entry("spring.mail.properties.mail.smtp.starttls.required", "false"),
                    entry("spring.mail.properties.mail.smtp.ssl.enable", "false"),
                    entry("spring.mail.properties.mail.smtp.socketFactory.class", ""),
                    entry("fake-smtp.host", "127.0.0.1"),
                    entry("fake-smtp.port", port),
                    entry("fake-smtp.username", ""),
                    entry("fake-smtp.password", ""),
                    entry("spring.mail.properties.mail.smtp.connectiontimeout", "10000"),
                    entry("spring.mail.properties.mail.smtp.timeout", "10000"),
                    entry("spring.mail.properties.mail.smtp.writetimeout", "10000"));
        }
    }

    @Test
    void aStartTlsServerRequiresStartTlsAndTrustsTheBundledCertificate() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.STARTTLS).user("app", "s3cret").start()) {
            assertThat(SpringMailProperties.of(server, "app", "s3cret")).contains(
                    entry("spring.mail.protocol", "smtp"),
                    entry("spring.mail.username", "app"),
                    entry("spring.mail.password", "s3cret"),
                    entry("spring.mail.properties.mail.smtp.auth", "true"),
                    entry("spring.mail.properties.mail.smtp.starttls.enable", "true"),
                    entry("spring.mail.properties.mail.smtp.starttls.required", "true"),
                    entry("spring.mail.properties.mail.smtp.ssl.enable", "false"),
                    entry("spring.mail.properties.mail.smtp.ssl.socketFactory.class",
                            "io.github.fakesmtp.FakeSmtpSslSocketFactory"),
                    entry("spring.mail.properties.mail.smtp.ssl.checkserveridentity", "true"),
                    entry("fake-smtp.username", "app"),
                    entry("fake-smtp.password", "s3cret"))
                    .doesNotContainKey("spring.mail.properties.mail.smtp.ssl.socketFactory.port");
        }
    }

    @Test
    void anSmtpsServerUsesTheSmtpsProtocolsKeys() {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tls(TlsMode.SMTPS).start()) {
            assertThat(SpringMailProperties.of(server)).contains(
                    entry("spring.mail.protocol", "smtps"),
                    entry("spring.mail.properties.mail.smtps.auth", "false"),
                    entry("spring.mail.properties.mail.smtps.starttls.enable", "false"),
                    entry("spring.mail.properties.mail.smtps.ssl.enable", "true"),
                    entry("spring.mail.properties.mail.smtps.ssl.socketFactory.class",
                            "io.github.fakesmtp.FakeSmtpSslSocketFactory"),
                    entry("spring.mail.properties.mail.smtps.ssl.socketFactory.port", String.valueOf(server.port())),
                    entry("spring.mail.properties.mail.smtps.timeout", "10000"))
                    .doesNotContainKey("spring.mail.properties.mail.smtp.auth");
        }
    }
}
