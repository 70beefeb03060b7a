package io.github.fakesmtp.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.junit5.FakeSmtp;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;

/** Variant 1: {@code @FakeSmtp} with its defaults, a fresh server per test. */
@FakeSmtp
public class ExtensionPerTestSuite {

    @RepeatedTest(SuiteScenario.TESTS)
    void sendsOneMail(FakeSmtpServer smtp) throws Exception {
        String subject = Mail.send(smtp.port());
        assertThat(smtp.takeMessage(Duration.ofSeconds(5)).subject()).isEqualTo(subject);
    }
}
