package io.github.fakesmtp.assertj;

import static io.github.fakesmtp.assertj.Describe.count;
import static io.github.fakesmtp.assertj.Describe.received;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.internal.report.ExaminedMessages;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Assertions on what a {@link FakeSmtpServer} received. Create them with
 * {@link FakeSmtpAssertions#assertThat(FakeSmtpServer)}.
 *
 * <p>By default an assertion looks at what has arrived so far. After {@link #awaitingAtMost(Duration)}, it
 * waits for the mail it expects, up to that long, woken by each arrival.
 *
 * <p>For {@link io.github.fakesmtp.junit5.FakeSmtp#failOnUnexpectedMail()}, the counting assertions examine
 * the messages they counted and {@code hasReceivedMessageMatching} the messages that matched; navigation
 * ({@link #firstMessage()}, {@link #messagesTo(String)} …) and waiting examine nothing by themselves.
 */
public class FakeSmtpServerAssert extends AbstractAssert<FakeSmtpServerAssert, FakeSmtpServer> {

    private Duration timeout;
    private SoftAssertionsProvider soft;

    /**
     * Creates the assertions; prefer {@link FakeSmtpAssertions#assertThat(FakeSmtpServer)}.
     *
     * @param server the server
     */
    public FakeSmtpServerAssert(FakeSmtpServer server) {
        super(server, FakeSmtpServerAssert.class);
    }

    /** Makes navigation collect a missing message as a soft failure rather than throw it. */
    void softly(SoftAssertionsProvider provider) {
        this.soft = provider;
    }

    /**
     * Makes the following assertions wait up to {@code timeout} for the mail they expect, e.g. for mail an
     * application sends from a background thread.
     *
     * @param timeout the longest wait
     * @return this
     */
    public FakeSmtpServerAssert awaitingAtMost(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        this.timeout = timeout;
        return myself;
    }

    /**
     * Verifies that exactly {@code count} messages arrived (with {@link #awaitingAtMost(Duration)}: once
     * {@code count} arrived, no more than that). Every message it counted is examined.
     *
     * @param count the number of messages
     * @return this
     */
    public FakeSmtpServerAssert hasReceivedExactly(int count) {
        List<ReceivedMessage> messages = messages(count);
        if (messages.size() != count) {
            failWithActualExpectedAndMessage(messages.size(), count, "%s", "expected " + count(count)
                    + Awaiting.within(timeout) + " but received " + received(messages));
        }
        ExaminedMessages.markExamined(messages);
        return myself;
    }

    /**
     * Verifies that at least {@code count} messages arrived (with {@link #awaitingAtMost(Duration)}: once
     * {@code count} arrived). Every message it counted is examined.
     *
     * @param count the least number of messages
     * @return this
     */
    public FakeSmtpServerAssert hasReceivedAtLeast(int count) {
        List<ReceivedMessage> messages = messages(count);
        if (messages.size() < count) {
            failWithActualExpectedAndMessage(messages.size(), count, "%s", "expected at least " + count(count)
                    + Awaiting.within(timeout) + " but received " + received(messages));
        }
        ExaminedMessages.markExamined(messages);
        return myself;
    }

    /**
     * Verifies that no message arrived so far. It does not wait, even after {@link #awaitingAtMost(Duration)}.
     *
     * @return this
     */
    public FakeSmtpServerAssert hasReceivedNothing() {
        isNotNull();
        List<ReceivedMessage> messages = actual.messages();
        if (!messages.isEmpty()) {
            failWithActualExpectedAndMessage(messages.size(), 0, "%s",
                    "expected no message but received " + received(messages));
        }
        return myself;
    }

    /**
     * Verifies that some message matches {@code condition}. The messages that match are examined.
     *
     * @param condition the test
     * @param description what the condition says, for the failure message, e.g. {@code "is sent to bob"}
     * @return this
     */
    public FakeSmtpServerAssert hasReceivedMessageMatching(Predicate<? super ReceivedMessage> condition,
            String description) {
        isNotNull();
        List<ReceivedMessage> matches = Awaiting.matching(actual, condition, 1, timeout);
        if (matches.isEmpty()) {
            failWithMessage("%s", "expected a message that " + description + Awaiting.within(timeout)
                    + " but received " + received(actual.messages()));
        }
        ExaminedMessages.markExamined(matches);
        return myself;
    }

    /**
     * Verifies that some message matches {@code condition}.
     *
     * @param condition the test
     * @return this
     */
    public FakeSmtpServerAssert hasReceivedMessageMatching(Predicate<? super ReceivedMessage> condition) {
        return hasReceivedMessageMatching(condition, "matches the given condition");
    }

    /**
     * Continues with assertions on the oldest message.
     *
     * @return assertions on the message
     */
    public ReceivedMessageAssert firstMessage() {
        return navigate(1, "a first message", list -> list.get(0));
    }

    /**
     * Continues with assertions on the newest message.
     *
     * @return assertions on the message
     */
    public ReceivedMessageAssert lastMessage() {
        return navigate(1, "a last message", list -> list.get(list.size() - 1));
    }

    /**
     * Continues with assertions on the message at {@code index}, counting from 0 in the order of arrival.
     *
     * <p>(Not named {@code message(int)}: AssertJ's soft assertions treat any method called {@code message}
     * as navigation of their own and would re-wrap the result.)
     *
     * @param index 0 for the first message
     * @return assertions on the message
     */
    public ReceivedMessageAssert messageAt(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, was " + index);
        }
        return navigate(index + 1, "a message at index " + index, list -> list.get(index));
    }

    /**
     * Continues with assertions on the messages whose envelope has {@code recipient} (To, Cc and Bcc alike).
     *
     * @param recipient the address
     * @return assertions on those messages
     */
    public ReceivedMessagesAssert messagesTo(String recipient) {
        isNotNull();
        Objects.requireNonNull(recipient, "recipient");
        Predicate<ReceivedMessage> to = m -> Describe.containsAddress(m.envelopeRecipients(), recipient);
        ReceivedMessagesAssert result = soft == null ? new ReceivedMessagesAssert(actual.messages())
                : soft.proxy(ReceivedMessagesAssert.class, List.class, actual.messages());
        return result.selecting(actual, to, "to " + recipient, timeout, soft);
    }

    private List<ReceivedMessage> messages(int wanted) {
        isNotNull();
        return Awaiting.matching(actual, m -> true, wanted, timeout);
    }

    private ReceivedMessageAssert navigate(int needed, String what, Function<List<ReceivedMessage>, ReceivedMessage> pick) {
        List<ReceivedMessage> messages = messages(needed);
        if (messages.size() >= needed) {
            return ReceivedMessageAssert.of(pick.apply(messages), soft);
        }
        AssertionError missing = failure("%s", "expected " + what + Awaiting.within(timeout) + " but received "
                + received(messages));
        if (soft == null) {
            throw missing;
        }
        // collected, not thrown: a soft proxy would answer a thrown error with itself, not a message assert
        soft.collectAssertionError(missing);
        return ReceivedMessageAssert.missing();
    }
}
