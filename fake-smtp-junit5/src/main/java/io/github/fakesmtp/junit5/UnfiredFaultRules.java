package io.github.fakesmtp.junit5;

import io.github.fakesmtp.FakeSmtpServer;
import java.util.List;

/**
 * The extension point for the second half of "fail on unexpected": fault rules a test set up that never
 * fired. The server has no fault rules yet; when it does, an implementation describes the rules that did not
 * fire and {@link FakeSmtpExtension} fails the test with them, as it does for unexpected mail.
 */
@FunctionalInterface
interface UnfiredFaultRules {

    /** Until the server has fault rules, no rule can be left unfired. */
    UnfiredFaultRules NONE = server -> List.of();

    /**
     * Describes the rules of {@code server} that never fired.
     *
     * @param server the server
     * @return one line per rule; empty when every rule fired
     */
    List<String> describe(FakeSmtpServer server);
}
