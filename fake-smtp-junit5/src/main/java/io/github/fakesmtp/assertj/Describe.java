package io.github.fakesmtp.assertj;

import io.github.fakesmtp.Link;
import io.github.fakesmtp.MailAddress;
import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.internal.report.Summaries;
import io.github.fakesmtp.internal.report.VisibleText;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Words for failure messages: what did arrive, said briefly, and how the assertions compare what they compare. */
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

    /** Text with its invisible characters shown ({@code \r}, {@code \n}, {@code \t}, {@code ␠} …), cut when long. */
    static String visible(String text, int max) {
        return VisibleText.quote(text, max);
    }

    /** The links of a message, one per line, or that it has none: what a failed link assertion shows. */
    static String links(List<Link> links) {
        if (links.isEmpty()) {
            return "the message has no links";
        }
        StringBuilder text = new StringBuilder("the links were:");
        for (Link link : links) {
            text.append("\n  ").append(link);
        }
        return text.toString();
    }

    /**
     * Text as {@code hasTextBody} and the other modulo comparisons see it: CRLF and CR line breaks as LF,
     * one trailing line break dropped, so that a client's choice of transfer encoding (which decides whether
     * {@code setText("Hi")} arrives as {@code "Hi"} or {@code "Hi\r\n"}) does not decide a test.
     */
    static String lineBreaksNormalised(String text) {
        if (text == null) {
            return null;
        }
        String lf = text.replace("\r\n", "\n").replace('\r', '\n');
        return lf.endsWith("\n") ? lf.substring(0, lf.length() - 1) : lf;
    }

    /** Whether a list of expected addresses names display names, {@code "Name <address>"}: then names count. */
    static boolean namesMailboxes(String... expected) {
        for (String mailbox : expected) {
            if (mailbox != null && mailbox.indexOf('<') >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Orders mailboxes written {@code Name <address>} so that the same ones compare as equal: the same display
     * name exactly (none equals only none) and the same address as {@link #SAME_ADDRESS} has it.
     */
    static final Comparator<String> SAME_MAILBOX = new Comparator<>() {
        private final Comparator<String> names = Comparator.nullsFirst(Comparator.naturalOrder());

        @Override
        public int compare(String a, String b) {
            MailAddress x = MailAddress.parse(a);
            MailAddress y = MailAddress.parse(b);
            int byName = names.compare(x.name(), y.name());
            return byName != 0 ? byName : SAME_ADDRESS.compare(x.address(), y.address());
        }

        @Override
        public String toString() {
            return "mailbox comparison (display name exact, local part exact, domain in any case)";
        }
    };

    /** Whether {@code host} is {@code domain} or one of its subdomains, in any case. */
    static boolean isHostOrSubdomain(String host, String domain) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        String d = domain.toLowerCase(Locale.ROOT);
        return h.equals(d) || h.endsWith("." + d);
    }

    /**
     * For a failure message: where two different texts first part, when that is hard to see, because the
     * texts are long or differ in an invisible character there; empty otherwise.
     */
    static String firstDifference(String expected, String actual) {
        if (expected == null || actual == null || Objects.equals(expected, actual)) {
            return "";
        }
        int at = VisibleText.firstDifference(expected, actual);
        boolean hard = Math.min(expected.length(), actual.length()) > 40 || invisibleAt(expected, at)
                || invisibleAt(actual, at);
        return hard ? " (they first differ at character " + at + ")" : "";
    }

    private static boolean invisibleAt(String text, int at) {
        if (at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || type == Character.CONTROL
                || type == Character.FORMAT;
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
    static String canonical(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at) + address.substring(at).toLowerCase(Locale.ROOT);
    }

    static boolean containsAddress(List<String> addresses, String address) {
        return addresses.stream().anyMatch(a -> sameAddress(a, address));
    }
}
