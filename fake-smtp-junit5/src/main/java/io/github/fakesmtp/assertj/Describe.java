package io.github.fakesmtp.assertj;

import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.internal.report.Summaries;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Words for failure messages: what did arrive, said briefly. */
final class Describe {

    private Describe() {
    }

    static String count(int n) {
        return Summaries.count(n, "message");
    }

    /** For example {@code "2 messages:\n  #1 from=<a@x> to=[b@x] subject='Hi' size=312\n  #2 …"}, or {@code "none"}. */
    static String received(List<ReceivedMessage> messages) {
        return Summaries.listing(messages);
    }

    static String quote(Object value) {
        return value == null ? "null" : "'" + value + "'";
    }

    /**
     * Orders addresses so that the same mailboxes compare as equal (see {@link #sameAddress}): the element
     * comparator of AssertJ's list checks on addresses. Its text appears in their failure messages.
     */
    static final Comparator<String> SAME_ADDRESS = new Comparator<>() {
        private final Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());

        @Override
        public int compare(String a, String b) {
            return nullsFirst.compare(canonical(a), canonical(b));
        }

        @Override
        public String toString() {
            return "address comparison (local part exact, domain in any case)";
        }
    };

    /**
     * Whether two mailbox addresses are the same: the local part exactly (RFC 5321 section 2.4 lets a server
     * treat it as case-sensitive), the domain in any case.
     */
    static boolean sameAddress(String a, String b) {
        return SAME_ADDRESS.compare(a, b) == 0;
    }

    /** The address with its domain in lower case: equal for the same mailbox. */
    private static String canonical(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at) + address.substring(at).toLowerCase(Locale.ROOT);
    }

    static boolean containsAddress(List<String> addresses, String address) {
        return addresses.stream().anyMatch(a -> sameAddress(a, address));
    }
}
