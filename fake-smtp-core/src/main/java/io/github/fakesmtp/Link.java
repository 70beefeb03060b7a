package io.github.fakesmtp;

import java.util.Locale;
import java.util.Objects;

/**
 * A link in a received message, as {@link ReceivedMessage#links()} finds it. Immutable.
 *
 * @param url the URL as the mail carries it: an HTML {@code href} with its character references decoded and
 *     surrounding white space removed, or a URL from the text body; not resolved or normalised, so a relative
 *     {@code href="/reset"} stays {@code /reset}
 * @param text what the reader sees: the visible text of an {@code a} element (white space collapsed), the
 *     {@code alt} text of an {@code area}, or the URL itself for a URL in the text body
 * @param source which body the link came from
 */
public record Link(String url, String text, Source source) {

    /** Which body of the message a link was found in. */
    public enum Source {
        /** The {@code href} of an {@code a} or {@code area} element of the text/html body. */
        HTML,
        /** A URL written out in the text/plain body. */
        TEXT
    }

    /**
     * Checks that every component is present.
     *
     * @param url the URL
     * @param text the text
     * @param source the body
     */
    public Link {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
    }

    /**
     * The host the link points to, read from its authority ({@code scheme://[user@]host[:port]}).
     *
     * @return the host in lower case, without the brackets of an IPv6 literal; {@code null} for a link
     *     without one, such as {@code /reset}, {@code mailto:} or {@code cid:}
     */
    public String host() {
        int scheme = url.indexOf("://");
        if (scheme <= 0) {
            return null;
        }
        int start = scheme + 3;
        int end = start;
        while (end < url.length() && "/?#\\".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        String host;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            host = close < 0 ? authority.substring(1) : authority.substring(1, close);
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
        }
        return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the URL names a scheme ({@code https:}, {@code mailto:} …), so that a mail client can follow it
     * without knowing where the mail came from (RFC 3986 section 4.3).
     *
     * @return false for a relative reference such as {@code /reset} or {@code reset?token=1}
     */
    public boolean isAbsolute() {
        int colon = url.indexOf(':');
        if (colon <= 0 || !isAsciiLetter(url.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = url.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** @return for example {@code HTML https://app.example.com/reset?token=abc "Choose a new password"} */
    @Override
    public String toString() {
        return source + " " + url + (source == Source.HTML ? " \"" + text + "\"" : "");
    }
}
