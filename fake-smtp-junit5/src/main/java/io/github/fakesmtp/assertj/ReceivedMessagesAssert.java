package io.github.fakesmtp.assertj;

import static io.github.fakesmtp.assertj.Describe.count;
import static io.github.fakesmtp.assertj.Describe.received;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.internal.report.ExaminedMessages;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Assertions on a selection of a server's messages, e.g. {@link FakeSmtpServerAssert#messagesTo(String)}.
 * Waits like the server assertions it came from when they were {@code awaitingAtMost(..)}.
 */
public class ReceivedMessagesAssert extends AbstractAssert<ReceivedMessagesAssert, List<ReceivedMessage>> {

    private FakeSmtpServer server;
    private Predicate<? super ReceivedMessage> filter = m -> true;
    private String selection = "";
    private Duration timeout;
    private SoftAssertionsProvider soft;

    /**
     * Creates assertions on a fixed list of messages.
     *
     * @param messages the messages
     */
    public ReceivedMessagesAssert(List<ReceivedMessage> messages) {
        super(messages, ReceivedMessagesAssert.class);
    }

    ReceivedMessagesAssert selecting(FakeSmtpServer server, Predicate<? super ReceivedMessage> filter,
            String selection, Duration timeout, SoftAssertionsProvider soft) {
        this.server = server;
        this.filter = filter;
        this.selection = " " + selection;
        this.timeout = timeout;
        this.soft = soft;
        return this;
    }

    /**
     * Verifies that exactly {@code count} messages were selected. Every message it counted is examined.
     *
     * @param count the number of messages
     * @return this
     */
    public ReceivedMessagesAssert hasSize(int count) {
        List<ReceivedMessage> messages = selected(count);
        if (messages.size() != count) {
            failWithActualExpectedAndMessage(messages.size(), count, "%s", "expected " + count(count) + selection
                    + Awaiting.within(timeout) + " but received " + received(messages) + allArrivals(messages));
        }
        ExaminedMessages.markExamined(messages);
        return myself;
    }

    /**
     * Verifies that no message was selected, without waiting.
     *
     * @return this
     */
    public ReceivedMessagesAssert isEmpty() {
        List<ReceivedMessage> messages = selected(0);
        if (!messages.isEmpty()) {
            failWithActualExpectedAndMessage(messages.size(), 0, "%s",
                    "expected no message" + selection + " but received " + received(messages));
        }
        return myself;
    }

    /**
     * Continues with the one selected message, failing when there are none or several.
     *
     * @return assertions on the message
     */
    public ReceivedMessageAssert singleMessage() {
        return navigate(1, list -> list.size() == 1, "exactly one message", list -> list.get(0));
    }

    /**
     * Continues with the oldest selected message.
     *
     * @return assertions on the message
     */
    public ReceivedMessageAssert firstMessage() {
        return navigate(1, list -> !list.isEmpty(), "a message", list -> list.get(0));
    }

    /**
     * Continues with the newest selected message.
     *
     * @return assertions on the message
     */
    public ReceivedMessageAssert lastMessage() {
        return navigate(1, list -> !list.isEmpty(), "a message", list -> list.get(list.size() - 1));
    }

    /** What the server received in all, when the selection left some out: a failure shows every arrival. */
    private String allArrivals(List<ReceivedMessage> selectedMessages) {
        if (server == null) {
            return "";
        }
        List<ReceivedMessage> all = server.messages();
        return all.size() == selectedMessages.size() ? "" : "; the server received " + received(all);
    }

    private List<ReceivedMessage> selected(int wanted) {
        isNotNull();
        if (server == null) {
            return actual;
        }
        return Awaiting.matching(server, filter, wanted, timeout);
    }

    private ReceivedMessageAssert navigate(int needed, Predicate<List<ReceivedMessage>> enough, String what,
            Function<List<ReceivedMessage>, ReceivedMessage> pick) {
        List<ReceivedMessage> messages = selected(needed);
        if (enough.test(messages)) {
            return ReceivedMessageAssert.of(pick.apply(messages), soft);
        }
        AssertionError missing = failure("%s", "expected " + what + selection + Awaiting.within(timeout)
                + " but received " + received(messages) + allArrivals(messages));
        if (soft == null) {
            throw missing;
        }
        // collected, not thrown: a soft proxy would answer a thrown error with itself, not a message assert
        soft.collectAssertionError(missing);
        return ReceivedMessageAssert.missing();
    }
}
