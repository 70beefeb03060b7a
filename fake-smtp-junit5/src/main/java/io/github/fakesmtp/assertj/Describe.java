package io.github.fakesmtp.assertj;

import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.internal.report.Summaries;
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
     * Whether two mailbox addresses are the same: the local part exactly (RFC 5321 section 2.4 lets a server
     * treat it as case-sensitive), the domain in any case.
     */
    static boolean sameAddress(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        int atA = a.lastIndexOf('@');
        int atB = b.lastIndexOf('@');
        if (atA < 0 || atB < 0) {
            return a.equals(b);
        }
        return a.substring(0, atA).equals(b.substring(0, atB))
                && a.substring(atA).toLowerCase(Locale.ROOT).equals(b.substring(atB).toLowerCase(Locale.ROOT));
    }

    static boolean containsAddress(List<String> addresses, String address) {
        return addresses.stream().anyMatch(a -> sameAddress(a, address));
    }
}
