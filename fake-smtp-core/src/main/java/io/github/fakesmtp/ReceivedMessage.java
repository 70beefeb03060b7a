package io.github.fakesmtp;

import io.github.fakesmtp.internal.CapturedMessage;
import io.github.fakesmtp.internal.MessageBytes;
import io.github.fakesmtp.internal.report.Summaries;
import io.github.fakesmtp.internal.report.VisibleText;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One message the server accepted: its envelope, the facts of its session, and its bytes exactly as
 * received (after dot-unstuffing). One {@code ReceivedMessage} per transaction, however many recipients.
 *
 * <p>The MIME structure is parsed on first use only, with Jakarta Mail; the conveniences
 * ({@link #subject()}, {@link #textBody()}, {@link #attachments()} …) read from that parse. A message that
 * is not valid MIME makes them throw {@link IllegalStateException}; the envelope and raw bytes always work.
 * {@link #links()}, {@link #find(Pattern)} and {@link #problems()} parse the HTML body (with jsoup) each time
 * they are called, never while the server captures. Immutable and thread-safe.
 */
public final class ReceivedMessage {

    private final CapturedMessage captured;
    private final int sequence;
    private volatile Parsed parsed;

    ReceivedMessage(CapturedMessage captured, int sequence) {
        this.captured = captured;
        this.sequence = sequence;
    }

    /**
     * The message's number on its server, counting from 1 in the order messages were accepted.
     *
     * @return the sequence number
     */
    public int sequence() {
        return sequence;
    }

    /**
     * The envelope sender, from MAIL FROM (RFC 5321 section 4.1.1.2).
     *
     * @return the address, or the empty string for the null reverse-path {@code <>} of bounces
     */
    public String envelopeSender() {
        return captured.sender();
    }

    /**
     * The envelope recipients, from the accepted RCPT TO commands in order. BCC recipients appear here and
     * in no header.
     *
     * @return an immutable list
     */
    public List<String> envelopeRecipients() {
        return captured.recipients();
    }

    /**
     * The name the client gave in EHLO or HELO.
     *
     * @return the client's host name
     */
    public String heloName() {
        return captured.heloName();
    }

    /**
     * Who logged in with AUTH before this message.
     *
     * @return the user name, or {@code null} when the client did not authenticate
     */
    public String authenticatedUser() {
        return captured.authenticatedUser();
    }

    /**
     * Whether the message travelled over TLS (STARTTLS or SMTPS).
     *
     * @return true when encrypted
     */
    public boolean usedTls() {
        return captured.tls();
    }

    /**
     * Whether MAIL FROM carried the SMTPUTF8 parameter (RFC 6531).
     *
     * @return true for an internationalised message
     */
    public boolean usedSmtpUtf8() {
        return captured.smtpUtf8();
    }

    /**
     * The BODY parameter of MAIL FROM (RFC 6152).
     *
     * @return {@code 7BIT} (also when absent) or {@code 8BITMIME}
     */
    public String bodyType() {
        return captured.bodyType();
    }

    /**
     * Whether the message came in BDAT chunks (RFC 3030) rather than DATA.
     *
     * @return true for CHUNKING
     */
    public boolean usedChunking() {
        return captured.chunked();
    }

    /**
     * Whether the data held a CR or LF not part of a CRLF pair (kept as is under
     * {@link BareLineEndingPolicy#ACCEPT}).
     *
     * @return true when bare line endings were seen
     */
    public boolean hasBareLineEndings() {
        return captured.bareLineEndings();
    }

    /**
     * The client's address.
     *
     * @return the remote address of the connection
     */
    public InetSocketAddress clientAddress() {
        return captured.clientAddress();
    }

    /**
     * When the end of the message data was received.
     *
     * @return the instant
     */
    public Instant receivedAt() {
        return captured.receivedAt();
    }

    /**
     * The number of the connection that sent this message, counting from 1 on its server.
     *
     * @return the connection index
     */
    public int connectionIndex() {
        return captured.connectionIndex();
    }

    /**
     * The message's number within its connection, counting from 1.
     *
     * @return the index
     */
    public int indexInConnection() {
        return captured.indexInConnection();
    }

    /**
     * The size of the message as stored.
     *
     * @return the number of bytes
     */
    public int size() {
        return captured.bytes().size();
    }

    /**
     * The message bytes exactly as received after dot-unstuffing: headers, blank line and body.
     *
     * @return a new copy each call
     */
    public byte[] rawBytes() {
        return captured.bytes().toByteArray();
    }

    /**
     * The message bytes as a stream, without copying them.
     *
     * @return a new stream each call
     */
    public InputStream rawInputStream() {
        return captured.bytes().newInputStream();
    }

    /**
     * Writes the message bytes, e.g. to a {@code .eml} file.
     *
     * @param out where to write; not closed
     * @throws IOException when {@code out} fails
     */
    public void writeTo(OutputStream out) throws IOException {
        captured.bytes().writeTo(out);
    }

    /**
     * The message as text, decoded as UTF-8 (RFC 6532 allows UTF-8 headers; other bytes show as U+FFFD).
     *
     * @return the whole message
     */
    public String rawContent() {
        return new String(rawBytes(), StandardCharsets.UTF_8);
    }

    /**
     * The session's transcript up to this message, when the server records transcripts.
     *
     * @return the lines, or an empty list
     */
    public List<String> transcript() {
        return captured.transcript();
    }

    /**
     * The message parsed by Jakarta Mail. It is parsed once and shared: read it, do not modify it.
     *
     * @return the parsed message
     * @throws IllegalStateException when the bytes are not a parseable message
     */
    public MimeMessage mimeMessage() {
        return parsed().mime;
    }

    /**
     * The Subject header, decoded (RFC 2047, and raw UTF-8 per RFC 6532).
     *
     * @return the subject, or {@code null} when there is none
     */
    public String subject() {
        try {
            return mimeMessage().getSubject();
        } catch (MessagingException e) {
            throw unparseable(e);
        }
    }

    /**
     * The addresses in the From header.
     *
     * @return addresses without display names, e.g. {@code alice@example.com}; empty when absent
     * @see #addresses(String) for the display names
     */
    public List<String> from() {
        return addressesOnly("From");
    }

    /**
     * The addresses in the To header.
     *
     * @return addresses without display names; empty when absent
     */
    public List<String> to() {
        return addressesOnly("To");
    }

    /**
     * The addresses in the Cc header.
     *
     * @return addresses without display names; empty when absent
     */
    public List<String> cc() {
        return addressesOnly("Cc");
    }

    /**
     * The addresses in the Reply-To header.
     *
     * @return addresses without display names; empty when absent
     */
    public List<String> replyTo() {
        return addressesOnly("Reply-To");
    }

    /**
     * The mailboxes of an address header, with their display names decoded (RFC 2047 encoded words, and raw
     * UTF-8 per RFC 6532): {@code addresses("From")} of {@code From: =?UTF-8?Q?Fj=C3=A4llbo?= <noreply@example.com>}
     * is {@code [Fjällbo <noreply@example.com>]}. Every occurrence of the header counts; group syntax
     * ({@code undisclosed-recipients:;}) gives its members.
     *
     * @param header the header name, any case, e.g. {@code From}, {@code To}, {@code Cc}, {@code Reply-To},
     *     {@code Sender}
     * @return the mailboxes in order; empty when the header is absent
     * @throws IllegalStateException when the header is not a list of addresses
     */
    public List<MailAddress> addresses(String header) {
        String value;
        try {
            value = mimeMessage().getHeader(header, ",");
        } catch (MessagingException e) {
            throw unparseable(e);
        }
        if (value == null) {
            return List.of();
        }
        try {
            List<MailAddress> result = new ArrayList<>();
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                if (address.isGroup()) {
                    for (InternetAddress member : address.getGroup(false)) {
                        result.add(MailAddress.of(member));
                    }
                } else {
                    result.add(MailAddress.of(address));
                }
            }
            return List.copyOf(result);
        } catch (AddressException e) {
            throw new IllegalStateException("message #" + sequence + " has a malformed " + header + " header: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The first value of a header, unfolded but not decoded.
     *
     * @param name the header name, any case
     * @return the value, or {@code null} when the header is absent
     */
    public String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * All values of a header in order, unfolded but not decoded.
     *
     * @param name the header name, any case
     * @return the values; empty when the header is absent
     */
    public List<String> headers(String name) {
        try {
            String[] values = mimeMessage().getHeader(name);
            return values == null ? List.of() : Arrays.stream(values).map(MimeUtility::unfold).toList();
        } catch (MessagingException e) {
            throw unparseable(e);
        }
    }

    /**
     * The first text/plain part that is not an attachment, decoded from its transfer encoding and charset.
     *
     * @return the text, or {@code null} when there is none
     */
    public String textBody() {
        return decoded(() -> Parsed.textOf(parsed().text));
    }

    /**
     * The first text/html part that is not an attachment, decoded from its transfer encoding and charset.
     *
     * @return the HTML, or {@code null} when there is none
     */
    public String htmlBody() {
        return decoded(() -> Parsed.textOf(parsed().html));
    }

    /**
     * The attachments: parts with {@code Content-Disposition: attachment} or with a file name, and non-text
     * parts, in the order they appear. Decoded on each call, so the message never keeps a second copy.
     *
     * @return an immutable list; empty when there are none
     */
    public List<Attachment> attachments() {
        return decoded(() -> {
            List<Attachment> result = new ArrayList<>();
            for (Part part : parsed().attachments) {
                result.add(Parsed.attachmentOf(part));
            }
            return List.copyOf(result);
        });
    }

    /**
     * Every link in the message, each once, in this order: first the {@code href} of each {@code a} and
     * {@code area} element of the HTML body, in document order; then each {@code http://} or
     * {@code https://} URL of the text body, in order, that the HTML body does not already link to. A URL
     * occurs once, as its first occurrence: the same URL twice in the HTML keeps the first link's text, and
     * a URL in both bodies is the HTML link, with its text. URLs are compared exactly as written (after the
     * HTML's character references are decoded), so {@code https://a.example/x} and
     * {@code https://a.example/x/} are two links. The HTML is parsed (with jsoup) on each call.
     *
     * @return an immutable list; empty when the message has no links
     * @throws IllegalStateException when the message is not parseable MIME
     */
    public List<Link> links() {
        return Links.of(htmlBody(), textBody());
    }

    /**
     * The first match of a regular expression in the text body, or, when the text body has none (or there is
     * no text body), in the visible text of the HTML body: {@code find("code: (\\d{6})")}. Text is searched
     * as decoded; the HTML's visible text has its tags removed, character references decoded and white space
     * (no-break spaces too) collapsed to single spaces, as jsoup's {@code Element.text()} gives it.
     *
     * @param regex the expression; with a capturing group, group 1 is returned, else the whole match (a
     *     match in which an optional group 1 took no part does not count)
     * @return group 1, or the whole match; never null
     * @throws NoSuchElementException when neither body matches: its message shows the pattern and the text
     *     that was searched, so a test that extracts a code fails saying why
     */
    public String find(Pattern regex) {
        String text = textBody();
        String found = firstMatch(regex, text);
        if (found != null) {
            return found;
        }
        String html = htmlBody();
        String visible = html == null ? null : Links.parse(html).body().text(); // parsed only when needed
        found = firstMatch(regex, visible);
        if (found != null) {
            return found;
        }
        throw new NoSuchElementException("no match for /" + regex + "/ in message " + Summaries.of(this)
                + (text == null ? "; it has no text body" : "; its text body is " + VisibleText.quote(text, 1000))
                + (html == null ? "; it has no HTML body" : "; its HTML body's visible text is "
                        + VisibleText.quote(visible, 1000)));
    }

    /** Group 1 of the first match that has one (or the whole match without a group), or null. */
    private static String firstMatch(Pattern regex, String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = regex.matcher(text);
        while (matcher.find()) {
            String found = matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * {@link #find(Pattern)} for an expression given as text.
     *
     * @param regex the expression, as for {@link Pattern#compile(String)}
     * @return group 1, or the whole match when the expression has no group
     * @throws NoSuchElementException when nothing matches, showing what was searched
     */
    public String find(String regex) {
        return find(Pattern.compile(regex));
    }

    /**
     * What would make mail clients, relays or spam filters handle this message badly, although it was
     * accepted: missing or repeated headers, unencoded non-ASCII headers, undeclared 8-bit data, long lines,
     * bare line ends, relative or localhost links, broken {@code cid:} images, images without alt text, HTML
     * without a text alternative and charsets that do not decode. {@link Problem} lists every check. Computed
     * on each call.
     *
     * @return the findings, in the order of the checks and of the message; empty for a well-formed message
     * @throws IllegalStateException when the message is not parseable MIME at all
     */
    public List<Finding> problems() {
        return MailLint.check(this);
    }

    /** @return a one-line summary: sequence, envelope, subject and size */
    @Override
    public String toString() {
        return Summaries.of(this);
    }

    private List<String> addressesOnly(String header) {
        return addresses(header).stream().map(MailAddress::address).toList();
    }

    private Parsed parsed() {
        Parsed result = parsed;
        if (result == null) {
            synchronized (this) {
                result = parsed;
                if (result == null) {
                    result = parse();
                    parsed = result;
                }
            }
        }
        return result;
    }

    private Parsed parse() {
        try (InputStream in = rawInputStream()) {
            MimeMessage mime = new MimeMessage(MimeSession.INSTANCE, in);
            Parsed result = new Parsed(mime);
            result.walk(mime);
            return result;
        } catch (MessagingException e) {
            throw unparseable(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes part content on demand, turning Jakarta Mail's checked exceptions into this class's. Locked,
     * because Jakarta Mail's parts are not safe to read from several threads at once.
     */
    synchronized <T> T decoded(PartReader<T> reader) {
        try {
            return reader.read();
        } catch (MessagingException e) {
            throw unparseable(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    interface PartReader<T> {
        T read() throws MessagingException, IOException;
    }

    /** A part's Content-ID without its angle brackets, or null. */
    static String contentId(Part part) throws MessagingException {
        String[] values = part.getHeader("Content-ID");
        if (values == null || values.length == 0) {
            return null;
        }
        String id = values[0].strip();
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1).strip() : id;
    }

    IllegalStateException unparseable(Exception e) {
        return new IllegalStateException("message #" + sequence + " is not a parseable MIME message: "
                + e.getMessage() + " (its raw bytes are still available with rawBytes())", e);
    }

    /**
     * The result of the one MIME parse: where the text, HTML and attachment parts are. Their content is
     * decoded when asked for, not kept, so a parsed message does not hold a second copy of its body.
     */
    private static final class Parsed {
        final MimeMessage mime;
        Part text;
        Part html;
        final List<Part> attachments = new ArrayList<>();

        Parsed(MimeMessage mime) {
            this.mime = mime;
        }

        void walk(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child);
                }
                return;
            }
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
            if (!attachment && part.isMimeType("text/plain") && text == null) {
                text = part;
            } else if (!attachment && part.isMimeType("text/html") && html == null) {
                html = part;
            } else if (attachment || !part.isMimeType("text/*")) {
                attachments.add(part);
            }
        }

        static Attachment attachmentOf(Part part) throws MessagingException, IOException {
            String type = new ContentType(part.getContentType()).getBaseType().toLowerCase(java.util.Locale.ROOT);
            try (InputStream in = part.getInputStream()) {
                return new Attachment(part.getFileName(), type, in.readAllBytes(), contentId(part));
            }
        }

        static String textOf(Part part) throws MessagingException, IOException {
            if (part == null) {
                return null;
            }
            try {
                Object content = part.getContent();
                if (content instanceof String string) {
                    return string;
                }
            } catch (java.io.UnsupportedEncodingException unknownCharset) {
                // fall through: decode the bytes as Latin-1 rather than fail
            }
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** The Jakarta Mail session used only to parse, created on first use. */
    private static final class MimeSession {
        static final Session INSTANCE = Session.getInstance(properties());

        private static Properties properties() {
            Properties properties = new Properties();
            properties.setProperty("mail.mime.allowutf8", "true"); // RFC 6532 headers
            properties.setProperty("mail.mime.decodefilename", "true");
            properties.setProperty("mail.mime.decodeparameters", "true");
            return properties;
        }
    }
}
