package io.github.fakesmtp.internal.report;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.ReceivedMessage;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Which captured messages a test examined, so that "fail on unexpected mail" can name the others. A message
 * is examined once {@link FakeSmtpServer#takeMessage} or {@link FakeSmtpServer#awaitMessages} returned it,
 * or once an assertion of a test-framework front end ran on it; the front ends document the rule for their
 * users. Not API.
 *
 * <p>This is the one piece of static state of fake-smtp, and it is safe under parallel execution: it is keyed
 * by message identity ({@link ReceivedMessage} does not override {@code equals}), every message belongs to
 * exactly one server and so to one test, and entries disappear with their messages (weak keys). Nothing one
 * test records can change what another test sees.
 */
public final class ExaminedMessages {

    private static final Set<ReceivedMessage> EXAMINED = Collections.newSetFromMap(
            Collections.synchronizedMap(new WeakHashMap<ReceivedMessage, Boolean>()));

    private static volatile Arrivals arrivals;

    private ExaminedMessages() {
    }

    /**
     * Records that a test examined a message.
     *
     * @param message the message; null is ignored
     */
    public static void markExamined(ReceivedMessage message) {
        if (message != null) {
            EXAMINED.add(message);
        }
    }

    /**
     * Records that a test examined every one of {@code messages}.
     *
     * @param messages the messages
     */
    public static void markExamined(Collection<ReceivedMessage> messages) {
        EXAMINED.addAll(messages);
    }

    /**
     * Whether a test examined a message.
     *
     * @param message the message
     * @return true once {@link #markExamined(ReceivedMessage)} was called for it
     */
    public static boolean isExamined(ReceivedMessage message) {
        return EXAMINED.contains(message);
    }

    /**
     * Waits until {@code server} holds at least {@code count} messages, like
     * {@link FakeSmtpServer#awaitMessages}, but without examining them: for assertions that wait for
     * arrivals first and choose the messages they check afterwards.
     *
     * @param server the server
     * @param count how many messages to wait for
     * @param timeout how long to wait
     * @return true when they arrived in time
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public static boolean awaitWithoutExamining(FakeSmtpServer server, int count, Duration timeout)
            throws InterruptedException {
        return arrivals.await(server, count, timeout);
    }

    /**
     * Gives this class access to the servers' message stores; {@link FakeSmtpServer} calls it once, when it
     * is initialised, so it is in place before any server exists.
     *
     * @param serverArrivals how to wait on a server's store
     * @throws IllegalStateException when called a second time
     */
    public static synchronized void install(Arrivals serverArrivals) {
        if (arrivals != null) {
            throw new IllegalStateException("the servers' arrivals are installed already");
        }
        arrivals = serverArrivals;
    }

    /** Waiting on a server's message store, which only {@link FakeSmtpServer} can reach. */
    public interface Arrivals {
        /**
         * Waits until {@code server} holds at least {@code count} messages.
         *
         * @param server the server
         * @param count how many messages to wait for
         * @param timeout how long to wait
         * @return true when they arrived in time
         * @throws InterruptedException if the waiting thread is interrupted
         */
        boolean await(FakeSmtpServer server, int count, Duration timeout) throws InterruptedException;
    }
}
