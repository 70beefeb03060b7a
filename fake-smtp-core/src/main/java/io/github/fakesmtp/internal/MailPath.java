package io.github.fakesmtp.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the argument of MAIL FROM and RCPT TO: a path in angle brackets (RFC 5321 section 4.1.2) and
 * optional ESMTP parameters (section 4.1.1.11).
 *
 * @param address the mailbox without brackets and without a source route; empty for the null path
 * @param parameters the parameters by upper-case keyword; a keyword without value maps to ""
 */
record MailPath(String address, Map<String, String> parameters) {

    /** Thrown for an argument that is not {@code <path> [parameters]}. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param argument the text after {@code FROM:} or {@code TO:}, leading spaces allowed (as Postfix
     *     allows them, although RFC 5321 has none)
     */
    static MailPath parse(String argument) throws SyntaxException {
        String text = argument.stripLeading();
        if (!text.startsWith("<")) {
            throw new SyntaxException("address must be in angle brackets");
        }
        int close = closingBracket(text);
        if (close < 0) {
            throw new SyntaxException("missing closing angle bracket");
        }
        String path = text.substring(1, close);
        String rest = text.substring(close + 1);
        if (!rest.isEmpty() && rest.charAt(0) != ' ') {
            throw new SyntaxException("text after the closing angle bracket");
        }
        return new MailPath(mailbox(path), parameters(rest.trim()));
    }

    /** Whether a MAIL or RCPT argument starts with its keyword, {@code FROM:} or {@code TO:}, in any case. */
    static boolean hasKeyword(String argument, String keyword) {
        return argument.regionMatches(true, 0, keyword, 0, keyword.length());
    }

    /** The mailbox of an argument such as {@code FROM:<a@example.com>}, or null when it does not parse. */
    static String addressOf(String argument, String keyword) {
        if (!hasKeyword(argument, keyword)) {
            return null;
        }
        try {
            return parse(argument.substring(keyword.length())).address();
        } catch (SyntaxException e) {
            return null;
        }
    }

    /** The closing bracket, skipping quoted local parts such as {@code <"a>b"@example.com>}. */
    private static int closingBracket(String text) {
        boolean quoted = false;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String mailbox(String path) throws SyntaxException {
        String mailbox = path;
        if (mailbox.startsWith("@")) {
            // A source route (@a,@b:user@c) must be accepted and ignored (RFC 5321 section 4.1.1.3, appendix C).
            int colon = mailbox.indexOf(':');
            if (colon < 0) {
                throw new SyntaxException("bad source route");
            }
            mailbox = mailbox.substring(colon + 1);
        }
        if (mailbox.isEmpty()) {
            return "";
        }
        int at = mailbox.lastIndexOf('@');
        boolean quotedLocal = mailbox.startsWith("\"");
        if (at <= 0 || at == mailbox.length() - 1) {
            if (!mailbox.equalsIgnoreCase("postmaster")) {
                throw new SyntaxException("not a mailbox: " + mailbox);
            }
        }
        for (int i = 0; i < mailbox.length(); i++) {
            char c = mailbox.charAt(i);
            if (c < 0x20 || c == 0x7f || (!quotedLocal && (c == ' ' || c == '<' || c == '>'))) {
                throw new SyntaxException("illegal character in address");
            }
        }
        return mailbox;
    }

    private static Map<String, String> parameters(String text) throws SyntaxException {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return parameters;
        }
        for (String parameter : Command.words(text)) {
            int eq = parameter.indexOf('=');
            String keyword = (eq < 0 ? parameter : parameter.substring(0, eq)).toUpperCase(Locale.ROOT);
            if (!isKeyword(keyword)) {
                throw new SyntaxException("bad parameter " + parameter);
            }
            parameters.put(keyword, eq < 0 ? "" : parameter.substring(eq + 1));
        }
        return parameters;
    }

    /** An esmtp-keyword (RFC 5321 section 4.1.2): letters, digits and hyphens. */
    private static boolean isKeyword(String keyword) {
        if (keyword.isEmpty()) {
            return false;
        }
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    boolean isNull() {
        return address.isEmpty();
    }

    boolean isAscii() {
        for (int i = 0; i < address.length(); i++) {
            if (address.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
