package io.github.fakesmtp.internal.report;

import io.github.fakesmtp.ReceivedMessage;
import java.util.List;

/**
 * The one way fake-smtp describes messages in text: {@link ReceivedMessage#toString()}, timeout errors, the
 * AssertJ failure messages and the failure report all use it, so a message reads the same everywhere.
 */
public final class Summaries {

    private Summaries() {
    }

    /**
     * A count with its noun, singular or plural.
     *
     * @param n the count
     * @param noun the singular noun; the plural adds an "s"
     * @return for example {@code "1 message"} or {@code "2 messages"}
     */
    public static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * One line for a message: sequence, envelope, subject and size.
     *
     * @param message the message
     * @return for example {@code #1 from=<app@example.com> to=[bob@example.com] subject='Hi' size=312}
     */
    public static String of(ReceivedMessage message) {
        String subject;
        try {
            subject = "'" + message.subject() + "'";
        } catch (RuntimeException notMime) {
            subject = "(not parseable)";
        }
        return "#" + message.sequence() + " from=<" + message.envelopeSender() + "> to=" + message.envelopeRecipients()
                + " subject=" + subject + " size=" + message.size();
    }

    /**
     * What arrived, for a failure message: {@code none}, or the count and one indented line per message.
     *
     * @param messages the messages
     * @return for example {@code "2 messages:\n  #1 …\n  #2 …"}
     */
    public static String listing(List<ReceivedMessage> messages) {
        if (messages.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder(count(messages.size(), "message")).append(':');
        for (ReceivedMessage message : messages) {
            text.append("\n  ").append(of(message));
        }
        return text.toString();
    }
}
