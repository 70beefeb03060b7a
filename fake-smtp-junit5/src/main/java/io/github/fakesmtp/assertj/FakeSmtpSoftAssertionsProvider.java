package io.github.fakesmtp.assertj;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.ReceivedMessage;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft-assertion entry points for fake-smtp, to mix into your own soft assertions class next to AssertJ's
 * ({@code class MySoftly extends SoftAssertions implements FakeSmtpSoftAssertionsProvider {}}). Navigation
 * ({@code firstMessage()}, {@code messagesTo(..)}) stays soft: a missing message is collected as one error.
 */
public interface FakeSmtpSoftAssertionsProvider extends SoftAssertionsProvider {

    /**
     * Soft assertions on what a server received.
     *
     * @param server the server
     * @return the assertions, collecting failures instead of throwing them
     */
    default FakeSmtpServerAssert assertThat(FakeSmtpServer server) {
        FakeSmtpServerAssert softly = proxy(FakeSmtpServerAssert.class, FakeSmtpServer.class, server);
        softly.softly(this);
        return softly;
    }

    /**
     * Soft assertions on one message.
     *
     * @param message the message
     * @return the assertions, collecting failures instead of throwing them
     */
    default ReceivedMessageAssert assertThat(ReceivedMessage message) {
        return ReceivedMessageAssert.of(message, this);
    }
}
