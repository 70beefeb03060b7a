package io.github.fakesmtp;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMTP reply: a three-digit code (RFC 5321 section 4.2), an optional enhanced status code (RFC 3463)
 * and one or more lines of text. Immutable.
 *
 * @param code the reply code, 200 to 599
 * @param enhancedCode the enhanced status code such as {@code 5.1.1}, or {@code null}
 * @param lines the text lines, at least one; a multi-line reply is sent as {@code 550-first}, {@code 550 last}
 */
public record SmtpReply(int code, String enhancedCode, List<String> lines) {

    private static final Pattern ENHANCED = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern LEADING_ENHANCED = Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3}) +(.*)$", Pattern.DOTALL);

    /**
     * Validates and copies the parts.
     *
     * @param code the reply code, 200 to 599
     * @param enhancedCode the enhanced status code such as {@code 5.1.1}, or {@code null}
     * @param lines the text lines, at least one
     * @throws IllegalArgumentException when the code is not 200 to 599, the enhanced code is malformed or
     *     does not start with the code's class, or a line holds CR or LF
     */
    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("an SMTP reply code is 200 to 599, was " + code);
        }
        if (enhancedCode != null) {
            if (!ENHANCED.matcher(enhancedCode).matches()) {
                throw new IllegalArgumentException("an enhanced status code looks like 5.1.1, was '" + enhancedCode + "'");
            }
            if (enhancedCode.charAt(0) != Integer.toString(code).charAt(0)) {
                throw new IllegalArgumentException("enhanced status code " + enhancedCode
                        + " must have the class of reply code " + code + " (RFC 3463 section 2)");
            }
        }
        Objects.requireNonNull(lines, "lines");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one line of text");
        }
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("reply text must not contain CR or LF; pass several lines instead");
            }
        }
        lines = List.copyOf(lines);
    }

    /**
     * A one-line reply.
     *
     * @param code the reply code
     * @param enhancedCode the enhanced status code, or {@code null}
     * @param text the text
     * @return the reply
     */
    public static SmtpReply of(int code, String enhancedCode, String text) {
        return new SmtpReply(code, enhancedCode, List.of(text));
    }

    /**
     * A one-line reply whose text may begin with its enhanced status code, as written on the wire:
     * {@code of(535, "5.7.8 Authentication credentials invalid")}.
     *
     * @param code the reply code
     * @param text the text, optionally starting with an enhanced status code and a space
     * @return the reply
     */
    public static SmtpReply of(int code, String text) {
        Matcher matcher = LEADING_ENHANCED.matcher(text);
        return matcher.matches() ? of(code, matcher.group(1), matcher.group(2)) : of(code, null, text);
    }

    /**
     * Whether the reply refuses what was asked: a 4xx (transient) or 5xx (permanent) code.
     *
     * @return true for a negative reply
     */
    public boolean isNegative() {
        return code >= 400;
    }

    /**
     * The text of all lines, joined with newlines.
     *
     * @return the text
     */
    public String text() {
        return String.join("\n", lines);
    }

    /** @return the reply as it is sent, e.g. {@code 550 5.1.1 No such user} */
    @Override
    public String toString() {
        StringBuilder wire = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                wire.append('\n');
            }
            wire.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (enhancedCode != null) {
                wire.append(enhancedCode).append(' ');
            }
            wire.append(lines.get(i));
        }
        return wire.toString();
    }
}
