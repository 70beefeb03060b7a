package io.github.fakesmtp.example;

import java.util.List;
import java.util.Objects;

/**
 * A mail the application wants delivered, independent of the client library that sends it.
 *
 * @param from the sender
 * @param to the visible recipients
 * @param bcc hidden recipients: in the SMTP envelope, never in a header
 * @param subject the subject, any Unicode text
 * @param text the text/plain alternative
 * @param html the text/html alternative, or {@code null} for a text-only mail
 * @param attachments files to attach
 */
public record OutgoingMail(Address from, List<Address> to, List<Address> bcc, String subject, String text, String html,
        List<FileAttachment> attachments) {

    /** Copies the lists and checks that there is someone to send to. */
    public OutgoingMail {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        to = List.copyOf(to);
        bcc = List.copyOf(bcc);
        attachments = List.copyOf(attachments);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("a mail needs at least one To recipient");
        }
    }

    /**
     * A mailbox with an optional display name.
     *
     * @param email the address, e.g. {@code bob@example.com}
     * @param name the display name, any Unicode text, or {@code null}
     */
    public record Address(String email, String name) {

        /** Checks the address is present. */
        public Address {
            Objects.requireNonNull(email, "email");
        }

        /**
         * An address without display name.
         *
         * @param email the address
         * @return the address
         */
        public static Address of(String email) {
            return new Address(email, null);
        }
    }

    /**
     * A file to attach.
     *
     * @param fileName the name the recipient sees
     * @param contentType the MIME type, e.g. {@code text/csv}
     * @param content the bytes
     */
    public record FileAttachment(String fileName, String contentType, byte[] content) {

        /** Copies the content. */
        public FileAttachment {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(contentType, "contentType");
            content = content.clone();
        }

        /** @return a copy of the bytes */
        @Override
        public byte[] content() {
            return content.clone();
        }
    }
}
