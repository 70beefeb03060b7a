package io.github.fakesmtp.standalone;

import io.github.fakesmtp.ReceivedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The filters of {@code GET .../messages}: {@code to}, {@code from} and {@code subject} match a substring, ignoring
 * case, of the envelope recipients (any of them), the envelope sender and the decoded subject; {@code after}
 * keeps the messages that arrived after the one it names.
 */
record MessageFilter(String to, String from, String subject, int afterSequence) {

    static MessageFilter of(Map<String, String> query, Mailbox mailbox) {
        String after = query.get("after");
        return new MessageFilter(lower(query.get("to")), lower(query.get("from")), lower(query.get("subject")),
                after == null || after.isEmpty() ? 0 : mailbox.sequenceOf(after, "after"));
    }

    private static String lower(String text) {
        return text == null || text.isEmpty() ? null : text.toLowerCase(Locale.ROOT);
    }

    boolean matches(ReceivedMessage message) {
        if (message.sequence() <= afterSequence) {
            return false;
        }
        if (from != null && !message.envelopeSender().toLowerCase(Locale.ROOT).contains(from)) {
            return false;
        }
        if (to != null && message.envelopeRecipients().stream().noneMatch(r -> r.toLowerCase(Locale.ROOT).contains(to))) {
            return false;
        }
        if (subject != null) {
            String actual;
            try {
                actual = message.subject();
            } catch (IllegalStateException notMime) {
                return false;
            }
            return actual != null && actual.toLowerCase(Locale.ROOT).contains(subject);
        }
        return true;
    }

    List<ReceivedMessage> apply(List<ReceivedMessage> messages) {
        List<ReceivedMessage> matching = new ArrayList<>();
        for (ReceivedMessage message : messages) {
            if (matches(message)) {
                matching.add(message);
            }
        }
        return matching;
    }
}
