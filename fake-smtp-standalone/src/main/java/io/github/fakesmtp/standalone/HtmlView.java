package io.github.fakesmtp.standalone;

import io.github.fakesmtp.Attachment;
import io.github.fakesmtp.internal.report.InlineImages;
import java.util.List;
import org.jsoup.nodes.Document;

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

    private HtmlView() {
    }

    /**
     * @param html the HTML body as received
     * @param parts the message's parts that are not bodies (attachments and inline images)
     */
    static String of(String html, List<Attachment> parts) {
        Document page = InlineImages.page(html, parts);
        page.head().prependElement("base").attr("target", "_blank"); // the first base with a target decides
        return page.outerHtml();
    }
}
