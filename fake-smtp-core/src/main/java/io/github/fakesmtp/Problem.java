package io.github.fakesmtp;

/**
 * What {@link ReceivedMessage#problems()} checks a message for: the faults that make real mail clients,
 * relays and spam filters show a message badly, or refuse it, although the sending library did not complain.
 * Each kind knows what it means and the RFC or reason behind it.
 */
public enum Problem {

    /** No {@code Date} header. */
    MISSING_DATE("has no Date header", "RFC 5322 section 3.6: Date is required"),

    /** No {@code From} header. */
    MISSING_FROM("has no From header", "RFC 5322 section 3.6: From is required"),

    /** A header that may occur at most once occurs more often. */
    DUPLICATE_HEADER("has a header more than once that may occur only once",
            "RFC 5322 section 3.6: Date, From, Sender, Reply-To, To, Cc, Bcc, Message-ID, In-Reply-To, References"
                    + " and Subject occur at most once"),

    /** No {@code Message-ID} header. */
    MISSING_MESSAGE_ID("has no Message-ID header",
            "RFC 5322 section 3.6.4: every message should have one; threading and duplicate detection rely on it"),

    /** A {@code Message-ID} that is not {@code <id-left@id-right>}. */
    MALFORMED_MESSAGE_ID("has a Message-ID that is not <id-left@id-right>", "RFC 5322 section 3.6.4"),

    /** Header text outside US-ASCII without RFC 2047 encoded words, in a message not sent with SMTPUTF8. */
    NON_ASCII_HEADER("has non-ASCII header text that is neither RFC 2047 encoded nor sent with SMTPUTF8",
            "RFC 5322 section 2.2 allows US-ASCII only; encoded words (RFC 2047) or SMTPUTF8 (RFC 6531, 6532)"
                    + " carry other text"),

    /**
     * Octets above 127 in a body part whose {@code Content-Transfer-Encoding} is not {@code 8bit} or
     * {@code binary}, or in a message whose MAIL FROM declared neither {@code BODY=8BITMIME} nor SMTPUTF8.
     */
    UNDECLARED_8BIT("has 8-bit octets that its Content-Transfer-Encoding or its envelope does not declare",
            "RFC 2045 section 6.2 and RFC 6152: 8-bit data needs Content-Transfer-Encoding 8bit and"
                    + " BODY=8BITMIME (or SMTPUTF8)"),

    /** A line of more than 998 octets before its CRLF. */
    LINE_TOO_LONG("has a line longer than 998 octets",
            "RFC 5322 section 2.1.1: at most 998 octets before CRLF; relays break or refuse longer lines"),

    /** A CR or LF that is not part of a CRLF pair. */
    BARE_LINE_ENDING("has a CR or LF that is not part of CRLF",
            "RFC 5322 section 2.3: CR and LF occur only together; servers treat bare ones differently"),

    /** An HTML link or image with a relative URL, which has no base to resolve against in a mail client. */
    RELATIVE_LINK("links to a relative URL", "a mail has no base URL: href=\"/reset\" goes nowhere in a mail client"),

    /** An HTML link or image pointing to {@code localhost} or a loopback address. */
    LOCALHOST_LINK("links to localhost or a loopback address",
            "the reader's own machine, not the application's server: a development URL leaked into the mail"),

    /** An HTML image {@code cid:} reference without a body part of that {@code Content-ID}. */
    MISSING_CID_PART("shows a cid: image whose body part is missing",
            "RFC 2392: cid: names a body part by its Content-ID; the reader sees a broken image"),

    /** An HTML image without an {@code alt} attribute. */
    IMAGE_WITHOUT_ALT("has an image without alt text",
            "clients that block images, and screen readers, show nothing in its place (WCAG 1.1.1);"
                    + " alt=\"\" marks a decoration"),

    /** An HTML body with no text/plain alternative. */
    MISSING_TEXT_ALTERNATIVE("is HTML without a text/plain alternative",
            "RFC 2046 section 5.1.4: text-only clients need it, and spam filters score HTML-only mail higher"),

    /** A text part whose bytes its declared (or default US-ASCII) charset does not decode. */
    UNDECODABLE_CHARSET("has a text part that its declared charset does not decode",
            "RFC 2046 section 4.1.2: the reader sees replacement characters; without a charset parameter,"
                    + " US-ASCII applies");

    private final String description;
    private final String reference;

    Problem(String description, String reference) {
        this.description = description;
        this.reference = reference;
    }

    /**
     * What the problem is, completing "the message …".
     *
     * @return for example {@code has no Date header}
     */
    public String description() {
        return description;
    }

    /**
     * Why it matters: the RFC clause it breaks, or what readers see.
     *
     * @return for example {@code RFC 5322 section 3.6: Date is required}
     */
    public String reference() {
        return reference;
    }
}
