package io.github.fakesmtp.standalone;

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
 * A captured HTML body as {@code GET .../messages/{id}/html} serves it, to be looked at as a mail client shows it:
 * each {@code cid:} image (RFC 2392) whose part is in the message becomes a {@code data:} URI, and links open in
 * a new tab ({@code <base target="_blank">}). Everything else stays as sent, scripts included: the route's
 * {@link MessageRoutes#HTML_POLICY policy} keeps it inert.
 *
 * <p>Inline images travel inside the document, not as requests to the API, for two reasons: the document is
 * sandboxed into an opaque origin, so the API's {@code Cross-Origin-Resource-Policy: same-origin} would refuse
 * it the parts; and {@code img-src data:} lets the policy forbid every load from anywhere.
 */
final class HtmlView {

    private static final String[] URL_ATTRIBUTES = {"src", "background"};

    private HtmlView() {
    }

    /**
     * @param html the HTML body as received
     * @param parts the message's parts that are not bodies (attachments and inline images)
     */
    static String of(String html, List<Attachment> parts) {
        Document page = Jsoup.parse(html);
        inlineImages(page, parts);
        page.head().prependElement("base").attr("target", "_blank"); // the first base with a target decides
        page.charset(StandardCharsets.UTF_8);
        page.outputSettings().prettyPrint(false);
        return page.outerHtml();
    }

    private static void inlineImages(Document page, List<Attachment> parts) {
        Map<String, Attachment> byContentId = new HashMap<>();
        for (Attachment part : parts) {
            if (part.contentId() != null) {
                byContentId.putIfAbsent(part.contentId(), part);
            }
        }
        if (byContentId.isEmpty()) {
            return;
        }
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
