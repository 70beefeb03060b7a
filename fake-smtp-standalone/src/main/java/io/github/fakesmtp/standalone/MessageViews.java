package io.github.fakesmtp.standalone;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.fakesmtp.Attachment;
import io.github.fakesmtp.ReceivedMessage;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Messages as JSON. A summary is what lists and events show; the detail is the summary plus everything else a
 * test or a viewer needs. Summaries are computed once per message (the subject and the attachment count need
 * the MIME parse) and forgotten with the message.
 */
final class MessageViews {

    /** Keyed by identity: ReceivedMessage keeps equals() from Object, and a dropped message takes its entry along. */
    private final Map<ReceivedMessage, ObjectNode> summaries = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The summary: {@code id}, {@code sequence}, {@code from} (envelope sender), {@code to} (envelope recipients,
     * Bcc included), {@code subject}, {@code size}, {@code receivedAt}, and the markers a list shows:
     * {@code attachmentCount}, {@code tls}, {@code authenticatedUser}.
     */
    ObjectNode summary(Mailbox mailbox, ReceivedMessage message) {
        ObjectNode cached = summaries.get(message);
        if (cached == null) {
            cached = computeSummary(mailbox, message);
            summaries.put(message, cached);
        }
        return cached.deepCopy();
    }

    ArrayNode summaries(Mailbox mailbox, List<ReceivedMessage> messages) {
        ArrayNode array = Json.array();
        for (ReceivedMessage message : messages) {
            array.add(summary(mailbox, message));
        }
        return array;
    }

    private static ObjectNode computeSummary(Mailbox mailbox, ReceivedMessage message) {
        ObjectNode json = Json.object();
        json.put("id", mailbox.messageId(message));
        json.put("sequence", message.sequence());
        json.put("from", message.envelopeSender());
        json.set("to", Json.strings(message.envelopeRecipients()));
        String subject = null;
        int attachments = 0;
        try {
            subject = message.subject();
            attachments = message.attachments().size();
        } catch (IllegalStateException notMime) {
            // the envelope and bytes still describe it; the detail says why it is not MIME
        }
        json.put("subject", subject);
        json.put("size", message.size());
        json.put("receivedAt", message.receivedAt().toString());
        json.put("attachmentCount", attachments);
        json.put("tls", message.usedTls());
        json.put("authenticatedUser", message.authenticatedUser());
        json.put("url", mailbox.messageUrl(message));
        return json;
    }

    /**
     * The detail: the summary, the session facts, the header addresses ({@code addresses.from/to/cc/replyTo}),
     * every header decoded, the text and HTML bodies, the attachments with their URLs, and the SMTP transcript
     * of the session up to this message (AUTH secrets masked).
     */
    ObjectNode detail(Mailbox mailbox, ReceivedMessage message) {
        ObjectNode json = summary(mailbox, message);
        json.put("helo", message.heloName());
        json.put("smtpUtf8", message.usedSmtpUtf8());
        json.put("bodyType", message.bodyType());
        json.put("chunked", message.usedChunking());
        json.put("bareLineEndings", message.hasBareLineEndings());
        json.put("clientAddress", address(message.clientAddress()));
        json.put("connectionIndex", message.connectionIndex());
        json.put("indexInConnection", message.indexInConnection());
        try {
            ObjectNode addresses = Json.object();
            addresses.set("from", Json.strings(message.from()));
            addresses.set("to", Json.strings(message.to()));
            addresses.set("cc", Json.strings(message.cc()));
            addresses.set("replyTo", Json.strings(message.replyTo()));
            json.set("addresses", addresses);
            json.set("headers", headers(message));
            json.put("text", message.textBody());
            json.put("html", message.htmlBody());
            json.set("attachments", attachments(mailbox, message));
        } catch (IllegalStateException notMime) {
            json.put("mimeError", notMime.getMessage());
        }
        json.set("transcript", Json.strings(message.transcript()));
        json.put("rawUrl", mailbox.messageUrl(message) + "/raw");
        return json;
    }

    private static ArrayNode headers(ReceivedMessage message) {
        ArrayNode headers = Json.array();
        try {
            Enumeration<Header> all = message.mimeMessage().getAllHeaders();
            while (all.hasMoreElements()) {
                Header header = all.nextElement();
                ObjectNode pair = Json.object();
                pair.put("name", header.getName());
                pair.put("value", decode(header.getValue()));
                headers.add(pair);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return headers;
    }

    /** RFC 2047 encoded words decoded; a value that does not decode is shown as it came. */
    private static String decode(String value) {
        String unfolded = MimeUtility.unfold(value);
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return unfolded;
        }
    }

    private static ArrayNode attachments(Mailbox mailbox, ReceivedMessage message) {
        ArrayNode array = Json.array();
        List<Attachment> attachments = message.attachments();
        for (int i = 0; i < attachments.size(); i++) {
            Attachment attachment = attachments.get(i);
            ObjectNode json = Json.object();
            json.put("index", i);
            json.put("name", attachment.fileName());
            json.put("contentType", attachment.contentType());
            json.put("size", attachment.size());
            json.put("contentId", attachment.contentId());
            json.put("url", mailbox.messageUrl(message) + "/attachments/" + i);
            array.add(json);
        }
        return array;
    }

    private static String address(InetSocketAddress address) {
        if (address == null) {
            return null;
        }
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
