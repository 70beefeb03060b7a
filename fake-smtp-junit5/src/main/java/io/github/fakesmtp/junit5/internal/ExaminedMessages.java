package io.github.fakesmtp.junit5.internal;

import io.github.fakesmtp.ReceivedMessage;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Remembers which captured messages a test asserted on, so that "fail on unexpected mail" can name the
 * others. Not API.
 *
 * <p>This is the one piece of static state in the module, and it is safe under parallel execution: it is
 * keyed by message identity ({@link ReceivedMessage} does not override {@code equals}), every message belongs
 * to exactly one server and so to one test, and entries disappear with their messages (weak keys). Nothing
 * one test records can change what another test sees.
 */
public final class ExaminedMessages {

    private static final Set<ReceivedMessage> EXAMINED = Collections.newSetFromMap(
            Collections.synchronizedMap(new WeakHashMap<ReceivedMessage, Boolean>()));

    private ExaminedMessages() {
    }

    /**
     * Records that a test asserted on a message.
     *
     * @param message the message
     */
    public static void markExamined(ReceivedMessage message) {
        if (message != null) {
            EXAMINED.add(message);
        }
    }

    /**
     * Whether a test asserted on a message.
     *
     * @param message the message
     * @return true once {@link #markExamined(ReceivedMessage)} was called for it
     */
    public static boolean isExamined(ReceivedMessage message) {
        return EXAMINED.contains(message);
    }
}
