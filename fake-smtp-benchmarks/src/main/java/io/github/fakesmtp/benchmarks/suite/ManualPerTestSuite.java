package io.github.fakesmtp.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.FakeSmtpServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/** Variant 2: a fresh {@code FakeSmtpServer} started and closed around each test, no extension. */
public class ManualPerTestSuite {

    private FakeSmtpServer smtp;

    @BeforeEach
    void start() {
        smtp = FakeSmtpServer.builder().start();
    }

    @AfterEach
    void stop() {
        smtp.close();
    }

    @RepeatedTest(SuiteScenario.TESTS)
    void sendsOneMail() throws Exception {
        String subject = Mail.send(smtp.port());
        assertThat(smtp.takeMessage(Duration.ofSeconds(5)).subject()).isEqualTo(subject);
    }
}
