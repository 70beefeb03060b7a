package io.github.fakesmtp.internal.report;

import io.github.fakesmtp.Attachment;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * An HTML body as a browser should show it outside a mail client: each {@code cid:} image (RFC 2392) whose part
 * is in the message becomes a {@code data:} URI, so the page needs no request to show it. Used for the saved
 * {@code .html} of a failed test and the standalone server's HTML view.
 */
public final class InlineImages {

    private static final String[] URL_ATTRIBUTES = {"src", "background"};

    private InlineImages() {
    }

    /**
     * Parses {@code html} and inlines the images it refers to by {@code cid:}; everything else stays as sent.
     *
     * @param html the HTML body as received
     * @param parts the message's parts that are not bodies ({@link io.github.fakesmtp.ReceivedMessage#attachments()})
     * @return the page, UTF-8 declared and not pretty-printed, for the caller to adjust and write
     */
    public static Document page(String html, List<Attachment> parts) {
        Document page = Jsoup.parse(html);
        Map<String, Attachment> byContentId = new HashMap<>();
        for (Attachment part : parts) {
            if (part.contentId() != null) {
                byContentId.putIfAbsent(part.contentId(), part);
            }
        }
        if (!byContentId.isEmpty()) {
            for (Element element : page.select("[src], [background]")) {
                for (String attribute : URL_ATTRIBUTES) {
                    Attachment image = referenced(element.attr(attribute), byContentId);
                    if (image != null) {
                        element.attr(attribute, "data:" + image.contentType() + ";base64,"
                                + Base64.getEncoder().encodeToString(image.content()));
                    }
                }
            }
        }
        page.charset(StandardCharsets.UTF_8);
        page.outputSettings().prettyPrint(false);
        return page;
    }

    /** The part a {@code cid:} URL names; the URL is %-encoded (RFC 2392 section 2). */
    private static Attachment referenced(String url, Map<String, Attachment> byContentId) {
        String trimmed = url.strip();
        if (!trimmed.regionMatches(true, 0, "cid:", 0, 4)) {
            return null;
        }
        try {
            return byContentId.get(URLDecoder.decode(trimmed.substring(4).replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException badEscape) {
            return null;
        }
    }
}
