package io.github.fakesmtp.assertj;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.ReceivedMessage;

/**
 * Entry point of the AssertJ assertions for fake-smtp:
 *
 * <pre>{@code
 * import static io.github.fakesmtp.assertj.FakeSmtpAssertions.assertThat;
 *
 * assertThat(smtp).awaitingAtMost(Duration.ofSeconds(5))
 *     .hasReceivedExactly(1)
 *     .firstMessage()
 *         .hasSubject("Reset your password")
 *         .hasRecipient("bob@example.com")
 *         .hasTextBodyContaining("https://example.com/reset?token=");
 * }</pre>
 *
 * Failure messages show what did arrive. For soft assertions, see {@link FakeSmtpSoftAssertions}.
 */
public final class FakeSmtpAssertions {

    private FakeSmtpAssertions() {
    }

    /**
     * Starts assertions on what a server received.
     *
     * @param server the server
     * @return the assertions
     */
    public static FakeSmtpServerAssert assertThat(FakeSmtpServer server) {
        return new FakeSmtpServerAssert(server);
    }

    /**
     * Starts assertions on one received message.
     *
     * @param message the message
     * @return the assertions
     */
    public static ReceivedMessageAssert assertThat(ReceivedMessage message) {
        return new ReceivedMessageAssert(message);
    }
}
