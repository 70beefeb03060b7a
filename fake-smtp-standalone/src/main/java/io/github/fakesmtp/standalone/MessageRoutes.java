package io.github.fakesmtp.standalone;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.fakesmtp.Attachment;
import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.internal.report.Summaries;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The routes of one server's messages: list (and long poll), detail, raw, HTML, attachments, delete, events. */
final class MessageRoutes {

    /** The longest a request may wait for messages. */
    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    /**
     * How a captured HTML body is served: in a sandbox (no scripts, forms, top-level navigation or same-origin
     * access), loading nothing from anywhere, so a hostile mail cannot run code in, or phone home from, the
     * viewer's browser. Inline styles and data: images are allowed, so a mail still looks like itself. A link the
     * viewer clicks opens in a new tab outside the sandbox, as in a mail client; {@code javascript:} links stay
     * dead, refused both by the sandbox and by {@code default-src 'none'}, which the browser checks against the
     * document that holds the link.
     */
    static final String HTML_POLICY = "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; "
            + "style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'; base-uri 'none'; "
            + "frame-ancestors 'self'";
    /** Raw messages and attachments are downloads, never documents of this origin. */
    static final String DOWNLOAD_POLICY = "sandbox; default-src 'none'";

    private static final byte[] SPACE = {' '};

    private final MessageViews views;
    private final Capacity held;

    MessageRoutes(MessageViews views, Capacity held) {
        this.views = views;
        this.held = held;
    }

    void register(Router router) {
        router.addPerServer("GET", "/messages", this::list)
                .addPerServer("DELETE", "/messages", this::deleteAll)
                .addPerServer("GET", "/messages/{id}", this::detail)
                .addPerServer("DELETE", "/messages/{id}", this::delete)
                .addPerServer("GET", "/messages/{id}/raw", this::raw)
                .addPerServer("GET", "/messages/{id}/html", this::html)
                .addPerServer("GET", "/messages/{id}/attachments/{index}", this::attachment)
                .addPerServer("GET", "/events", new EventStream(views, held)::stream);
    }

    /** {@code GET .../messages?to=&from=&subject=&after=&wait=&count=}: summaries in arrival order. */
    private void list(Call call) throws IOException {
        Map<String, String> query = call.query("to", "from", "subject", "after", "wait", "count");
        Mailbox mailbox = call.mailbox();
        MessageFilter filter = MessageFilter.of(query, mailbox);
        Duration wait = query.containsKey("wait") ? Durations.parse(query.get("wait"), "wait") : null;
        int count = count(query.get("count"), wait != null);
        if (wait != null && wait.compareTo(MAX_WAIT) > 0) {
            throw Problem.badField("wait", "wait may be at most " + MAX_WAIT + " (300 seconds), was " + query.get("wait"));
        }
        List<ReceivedMessage> stored = mailbox.server().messages();
        List<ReceivedMessage> matching = filter.apply(stored);
        if (wait == null || matching.size() >= count || wait.isZero()) {
            call.json(200, listing(mailbox, matching, wait == null ? null : matching.size() >= count));
            return;
        }
        if (!held.tryAcquire()) {
            throw Problem.of(503, held.max() + " requests are already waiting; try again, or wait for fewer things at once");
        }
        try {
            HeldResponse response = new HeldResponse(call, "application/json");
            int lastSeen = stored.isEmpty() ? filter.afterSequence()
                    : Math.max(filter.afterSequence(), stored.get(stored.size() - 1).sequence());
            if (!awaitMatches(mailbox, filter, count - matching.size(), lastSeen, wait, response)) {
                return; // the client has gone
            }
            List<ReceivedMessage> result = filter.apply(mailbox.server().messages());
            response.finish(Json.bytes(listing(mailbox, result, result.size() >= count)));
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt(); // the standalone server is stopping; its connections close
        } finally {
            held.release();
        }
    }

    /**
     * Blocks on the server's arrivals (no polling) until {@code needed} more messages match, the wait ends or
     * the server is closed; a heartbeat every second finds out whether the client is still there.
     *
     * @return false when the client has gone
     */
    private static boolean awaitMatches(Mailbox mailbox, MessageFilter filter, int needed, int lastSeen, Duration wait,
            HeldResponse response) throws InterruptedException {
        long now = System.nanoTime();
        long deadline = now + wait.toNanos();
        long heartbeat = now + HttpApi.HEARTBEAT.toNanos();
        while (needed > 0 && !mailbox.isClosed()) {
            now = System.nanoTime();
            if (now - deadline >= 0) {
                break;
            }
            if (now - heartbeat >= 0) {
                if (!response.send(SPACE)) {
                    return false;
                }
                heartbeat = now + HttpApi.HEARTBEAT.toNanos();
            }
            long slice = Math.min(deadline, heartbeat) - now;
            for (ReceivedMessage message : mailbox.server().awaitMessagesAfter(lastSeen, Duration.ofNanos(slice))) {
                lastSeen = message.sequence();
                if (filter.matches(message)) {
                    needed--;
                }
            }
        }
        return true;
    }

    private static int count(String text, boolean waiting) {
        if (text == null) {
            return 1;
        }
        if (!waiting) {
            throw Problem.badField("count", "count goes with wait: it says how many messages to wait for");
        }
        try {
            int count = Integer.parseInt(text);
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw Problem.badField("count", "count must be a whole number of at least 1, was '" + text + "'");
    }

    private ObjectNode listing(Mailbox mailbox, List<ReceivedMessage> messages, Boolean complete) {
        ObjectNode json = Json.object();
        json.set("messages", views.summaries(mailbox, messages));
        if (complete != null) {
            json.put("complete", complete);
        }
        return json;
    }

    private void detail(Call call) throws IOException {
        call.query();
        Mailbox mailbox = call.mailbox();
        call.json(200, views.detail(mailbox, mailbox.message(call.pathParameter("id"))));
    }

    private void deleteAll(Call call) throws IOException {
        call.query();
        call.mailbox().server().clear();
        call.noContent();
    }

    private void delete(Call call) throws IOException {
        call.query();
        Mailbox mailbox = call.mailbox();
        mailbox.server().removeMessage(mailbox.message(call.pathParameter("id")));
        call.noContent();
    }

    /** The bytes exactly as received, as {@code message/rfc822}. */
    private void raw(Call call) throws IOException {
        call.query();
        Mailbox mailbox = call.mailbox();
        ReceivedMessage message = mailbox.message(call.pathParameter("id"));
        call.responseHeaders().set("Content-Security-Policy", DOWNLOAD_POLICY);
        call.responseHeaders().set("Content-Disposition", "inline; filename=\"" + mailbox.messageId(message) + ".eml\"");
        Call.secure(call.responseHeaders());
        call.responseHeaders().set("Content-Type", "message/rfc822");
        call.exchange().sendResponseHeaders(200, message.size() == 0 ? -1 : message.size());
        try (OutputStream out = call.exchange().getResponseBody()) {
            message.writeTo(out);
        }
        call.exchange().close();
    }

    private void html(Call call) throws IOException {
        call.query();
        Mailbox mailbox = call.mailbox();
        ReceivedMessage message = mailbox.message(call.pathParameter("id"));
        String html;
        List<Attachment> parts;
        try {
            html = message.htmlBody();
            parts = html == null ? List.of() : message.attachments();
        } catch (IllegalStateException notMime) {
            throw Problem.of(404, notMime.getMessage());
        }
        if (html == null) {
            throw Problem.unknownId("message " + mailbox.messageId(message) + " has no HTML body", mailbox.messageId(message));
        }
        call.responseHeaders().set("Content-Security-Policy", HTML_POLICY);
        call.bytes(200, "text/html; charset=utf-8", HtmlView.of(html, parts).getBytes(StandardCharsets.UTF_8));
    }

    private void attachment(Call call) throws IOException {
        call.query();
        Mailbox mailbox = call.mailbox();
        ReceivedMessage message = mailbox.message(call.pathParameter("id"));
        String index = call.pathParameter("index");
        List<Attachment> attachments;
        try {
            attachments = message.attachments();
        } catch (IllegalStateException notMime) {
            throw Problem.of(404, notMime.getMessage());
        }
        int i;
        try {
            i = Integer.parseInt(index);
        } catch (NumberFormatException e) {
            i = -1;
        }
        if (i < 0 || i >= attachments.size()) {
            throw Problem.unknownId("message " + mailbox.messageId(message) + " has "
                    + Summaries.count(attachments.size(), "attachment") + ", numbered from 0; there is no attachment "
                    + index, index);
        }
        Attachment attachment = attachments.get(i);
        call.responseHeaders().set("Content-Security-Policy", DOWNLOAD_POLICY);
        call.responseHeaders().set("Content-Disposition", ContentDisposition.attachment(attachment.fileName(), "attachment-" + i));
        call.bytes(200, attachment.contentType(), attachment.content());
    }
}
