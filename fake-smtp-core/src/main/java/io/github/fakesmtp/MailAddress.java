package io.github.fakesmtp;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Objects;

/**
 * A mailbox of an address header ({@code From}, {@code To}, {@code Cc}, {@code Reply-To} …), as
 * {@link ReceivedMessage#addresses(String)} reads it. Immutable.
 *
 * @param address the address, e.g. {@code noreply@example.com}
 * @param name the display name decoded from RFC 2047 encoded words (or raw UTF-8, RFC 6532), e.g.
 *     {@code Fjällbo Accounts}; {@code null} when the mailbox has none
 */
public record MailAddress(String address, String name) {

    /**
     * Checks that the address is present.
     *
     * @param address the address
     * @param name the display name, or null
     */
    public MailAddress {
        Objects.requireNonNull(address, "address");
    }

    /**
     * Reads one mailbox as a person writes it: {@code bob@example.com}, {@code Bob <bob@example.com>} or
     * {@code "Doe, Bob" <bob@example.com>}; encoded words in the name are decoded.
     *
     * @param mailbox the mailbox
     * @return the address and its name
     * @throws IllegalArgumentException when {@code mailbox} is not exactly one mailbox
     */
    public static MailAddress parse(String mailbox) {
        Objects.requireNonNull(mailbox, "mailbox");
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parseHeader(mailbox, false);
        } catch (AddressException e) {
            throw new IllegalArgumentException("not a mailbox: \"" + mailbox + "\" (" + e.getMessage() + ")", e);
        }
        if (parsed.length != 1 || parsed[0].getAddress() == null || parsed[0].getAddress().isEmpty()) {
            throw new IllegalArgumentException("not one mailbox: \"" + mailbox + "\"; write an address such as "
                    + "bob@example.com or Bob <bob@example.com>");
        }
        return of(parsed[0]);
    }

    static MailAddress of(InternetAddress address) {
        String name = address.getPersonal();
        return new MailAddress(address.getAddress(), name == null || name.isEmpty() ? null : name);
    }

    /**
     * The mailbox as a person writes it, the name quoted when RFC 5322 needs it.
     *
     * @return for example {@code Fjällbo Accounts <noreply@example.com>}, or the address alone without a name
     */
    @Override
    public String toString() {
        if (name == null) {
            return address;
        }
        return (needsQuotes(name) ? "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : name)
                + " <" + address + ">";
    }

    /** Whether a display name holds an RFC 5322 special (section 3.2.3) and so must be a quoted string. */
    private static boolean needsQuotes(String name) {
        for (int i = 0; i < name.length(); i++) {
            if ("()<>[]:;@\\,.\"".indexOf(name.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
