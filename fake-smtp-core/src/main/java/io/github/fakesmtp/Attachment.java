package io.github.fakesmtp;

import java.util.Arrays;
import java.util.Objects;

/** One attachment of a captured message, decoded from its transfer encoding. Immutable. */
public final class Attachment {

    private final String fileName;
    private final String contentType;
    private final byte[] content;
    private final String contentId;

    Attachment(String fileName, String contentType, byte[] content, String contentId) {
        this.fileName = fileName;
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.content = content;
        this.contentId = contentId;
    }

    /**
     * The file name from the Content-Disposition or Content-Type header, decoded (RFC 2231 / RFC 2047).
     *
     * @return the name, or {@code null} when the part has none
     */
    public String fileName() {
        return fileName;
    }

    /**
     * The media type without parameters, lower case, e.g. {@code application/pdf}.
     *
     * @return the base content type
     */
    public String contentType() {
        return contentType;
    }

    /**
     * The decoded bytes of the attachment.
     *
     * @return a copy of the content
     */
    public byte[] content() {
        return content.clone();
    }

    /**
     * The decoded size.
     *
     * @return the number of bytes in {@link #content()}
     */
    public int size() {
        return content.length;
    }

    /**
     * The part's Content-ID (RFC 2045 section 7), by which HTML refers to an inline image as
     * {@code <img src="cid:logo@example.com">} (RFC 2392).
     *
     * @return the id without its angle brackets, e.g. {@code logo@example.com}, or {@code null} when the part
     *     has none
     */
    public String contentId() {
        return contentId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attachment a
                && Objects.equals(fileName, a.fileName)
                && contentType.equals(a.contentType)
                && Arrays.equals(content, a.content)
                && Objects.equals(contentId, a.contentId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, contentType, Arrays.hashCode(content), contentId);
    }

    @Override
    public String toString() {
        return "Attachment[" + fileName + ", " + contentType + ", " + content.length + " bytes"
                + (contentId == null ? "" : ", cid:" + contentId) + "]";
    }
}
