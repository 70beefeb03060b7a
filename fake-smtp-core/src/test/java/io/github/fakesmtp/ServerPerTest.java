package io.github.fakesmtp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh server for every test, closed after it: the setup the RFC suites share. */
abstract class ServerPerTest {

    /** The server of the running test. */
    FakeSmtpServer server;

    /** How the suite's server is configured; the defaults unless a suite overrides it. */
    FakeSmtpServer.Builder configure(FakeSmtpServer.Builder builder) {
        return builder;
    }

    @BeforeEach
    final void startServer() {
        server = configure(FakeSmtpServer.builder()).start();
    }

    @AfterEach
    final void stopServer() {
        server.close();
    }
}
