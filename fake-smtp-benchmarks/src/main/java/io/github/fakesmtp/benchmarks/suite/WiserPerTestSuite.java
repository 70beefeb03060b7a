package io.github.fakesmtp.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.wiser.Wiser;

/**
 * Variant 5: SubEthaSMTP's Wiser started and stopped around each test. Wiser stores a message before it
 * answers 250, so it is there once {@code Transport.send} returns.
 */
public class WiserPerTestSuite {

    private Wiser wiser;

    @BeforeEach
    void start() {
        wiser = Wiser.create(SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()));
        wiser.start();
    }

    @AfterEach
    void stop() {
        wiser.stop();
    }

    @RepeatedTest(SuiteScenario.TESTS)
    void sendsOneMail() throws Exception {
        String subject = Mail.send(wiser.getServer().getPortAllocated());
        assertThat(wiser.getMessages()).hasSize(1);
        assertThat(wiser.getMessages().get(0).getMimeMessage().getSubject()).isEqualTo(subject);
    }
}
