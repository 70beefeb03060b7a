package io.github.fakesmtp.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Variant 4: GreenMail's JUnit 5 extension, SMTP only, a fresh server per test (its default lifecycle). An
 * instance field rather than GreenMail's usual static one: the same server per test, and each concurrently
 * running test then has its own extension instead of sharing one.
 */
public class GreenMailPerTestSuite {

    @RegisterExtension
    final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @RepeatedTest(SuiteScenario.TESTS)
    void sendsOneMail() throws Exception {
        String subject = Mail.send(greenMail.getSmtp().getPort());
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo(subject);
    }
}
