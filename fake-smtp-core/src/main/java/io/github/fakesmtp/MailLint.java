package io.github.fakesmtp;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The checks behind {@link ReceivedMessage#problems()}, one method per group of {@link Problem}s. Runs only
 * when asked, on the captured bytes and the parsed MIME tree; the capture path knows nothing of it.
 */
final class MailLint {

    /** RFC 5322 section 3.6: the fields that may occur at most once (Date and From exactly once). */
    private static final List<String> SINGLE_INSTANCE = List.of("Date", "From", "Sender", "Reply-To", "To", "Cc",
            "Bcc", "Message-ID", "In-Reply-To", "References", "Subject");
    /** RFC 5322 section 2.1.1. */
    private static final int MAX_LINE_OCTETS = 998;
    /** RFC 5322 section 3.2.3. */
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";
    private static final int SHOWN_VALUE = 60;

    private final ReceivedMessage message;
    private final List<Finding> found = new ArrayList<>();
    private final Set<String> contentIds = new HashSet<>();

    private MailLint(ReceivedMessage message) {
        this.message = message;
    }

    static List<Finding> check(ReceivedMessage message) {
        MailLint lint = new MailLint(message);
        message.decoded(() -> {
            MimeMessage mime = message.mimeMessage();
            lint.headers(mime);
            lint.parts(mime, "");
            return null;
        });
        lint.octets(message.rawBytes());
        lint.html();
        List<Finding> result = new ArrayList<>(lint.found);
        result.sort(Comparator.comparing(Finding::problem)); // stable: in message order within each check
        return Collections.unmodifiableList(result);
    }

    // ---- headers (RFC 5322 section 3.6, RFC 2047, RFC 6532) -----------------------------------------------

    private void headers(MimeMessage mime) throws MessagingException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> messageIds = new ArrayList<>();
        for (Header header : Collections.list(mime.getAllHeaders())) {
            String name = canonical(header.getName());
            counts.merge(name, 1, Integer::sum);
            if (name.equals("Message-ID")) {
                messageIds.add(MimeUtility.unfold(header.getValue()));
            }
        }
        nonAscii(mime, "");
        if (!counts.containsKey("Date")) {
            add(Problem.MISSING_DATE, "the header has no Date field");
        }
        if (!counts.containsKey("From")) {
            add(Problem.MISSING_FROM, "the header has no From field");
        }
        for (String name : SINGLE_INSTANCE) {
            int count = counts.getOrDefault(name, 0);
            if (count > 1) {
                add(Problem.DUPLICATE_HEADER, name + " occurs " + count + " times");
            }
        }
        if (messageIds.isEmpty()) {
            add(Problem.MISSING_MESSAGE_ID, "the header has no Message-ID field");
        }
        for (String id : messageIds) {
            if (!isMessageId(id.strip())) {
                add(Problem.MALFORMED_MESSAGE_ID, "Message-ID: " + shown(id.strip()));
            }
        }
    }

    private static String canonical(String name) {
        for (String known : SINGLE_INSTANCE) {
            if (known.equalsIgnoreCase(name)) {
                return known;
            }
        }
        return name;
    }

    /** Header text must be US-ASCII unless the message travelled with SMTPUTF8 (RFC 6531, 6532). */
    private void nonAscii(Part part, String where) throws MessagingException {
        if (message.usedSmtpUtf8()) {
            return;
        }
        for (Header header : Collections.list(part.getAllHeaders())) {
            String value = header.getValue();
            if (value != null && !isAscii(value)) {
                add(Problem.NON_ASCII_HEADER, where + header.getName() + ": " + shown(MimeUtility.unfold(value)));
            }
        }
    }

    /** {@code msg-id = "<" id-left "@" id-right ">"}, id-left a dot-atom-text, id-right one or a no-fold-literal. */
    static boolean isMessageId(String id) {
        if (id.length() < 5 || id.charAt(0) != '<' || id.charAt(id.length() - 1) != '>') {
            return false;
        }
        String inner = id.substring(1, id.length() - 1);
        int at = inner.indexOf('@');
        if (at <= 0 || at != inner.lastIndexOf('@')) {
            return false;
        }
        String right = inner.substring(at + 1);
        return isDotAtomText(inner.substring(0, at)) && (isDotAtomText(right) || isNoFoldLiteral(right));
    }

    private static boolean isDotAtomText(String text) {
        if (text.isEmpty() || text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean atext = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ATEXT_SPECIALS.indexOf(c) >= 0;
            if (!atext && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isNoFoldLiteral(String text) {
        if (text.length() < 2 || text.charAt(0) != '[' || text.charAt(text.length() - 1) != ']') {
            return false;
        }
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c < 33 || c > 126 || c == '[' || c == ']' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    // ---- body parts: transfer encoding and charset (RFC 2045, 2046, 6152) --------------------------------

    private void parts(Part part, String path) throws MessagingException, IOException {
        String id = ReceivedMessage.contentId(part);
        if (id != null) {
            contentIds.add(id);
        }
        if (!path.isEmpty()) {
            nonAscii(part, "part " + path + " ");
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                parts(multipart.getBodyPart(i), path.isEmpty() ? Integer.toString(i + 1) : path + "." + (i + 1));
            }
            return;
        }
        String name = describe(part, path);
        String encoding = transferEncoding(part);
        if (!encoding.equals("8bit") && !encoding.equals("binary") && has8Bit(raw(part))) {
            add(Problem.UNDECLARED_8BIT, name + " has 8-bit octets but Content-Transfer-Encoding " + encoding);
        }
        if (part.isMimeType("text/*")) {
            charset(part, name);
        }
    }

    private static String describe(Part part, String path) throws MessagingException {
        String type;
        try {
            type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            type = part.getContentType();
        }
        return (path.isEmpty() ? "the body" : "part " + path) + " (" + type + ")";
    }

    private static String transferEncoding(Part part) throws MessagingException {
        String[] values = part.getHeader("Content-Transfer-Encoding");
        return values == null || values.length == 0 ? "7bit" : values[0].strip().toLowerCase(Locale.ROOT);
    }

    private static InputStream raw(Part part) throws MessagingException {
        return part instanceof MimeMessage whole ? whole.getRawInputStream()
                : ((MimeBodyPart) part).getRawInputStream();
    }

    private static boolean has8Bit(InputStream in) throws IOException {
        try (in) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] < 0) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private void charset(Part part, String name) throws MessagingException, IOException {
        String declared;
        try {
            declared = new ContentType(part.getContentType()).getParameter("charset");
        } catch (ParseException e) {
            return; // not a Content-Type Jakarta Mail can read: the part is shown as text anyway
        }
        Charset charset;
        try {
            charset = declared == null ? StandardCharsets.US_ASCII : Charset.forName(MimeUtility.javaCharset(declared));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            add(Problem.UNDECODABLE_CHARSET, name + " declares charset " + declared + ", which is not known");
            return;
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException brokenTransferEncoding) {
            return;
        }
        int bad = firstUndecodable(bytes, charset);
        if (bad >= 0) {
            add(Problem.UNDECODABLE_CHARSET, name + " is not valid " + (declared == null
                    ? "US-ASCII (it declares no charset)" : declared) + ": decoded octet " + bad + " is 0x"
                    + String.format("%02x", bytes[bad] & 0xff));
        }
    }

    /** The offset of the first byte {@code charset} cannot decode, or -1. */
    private static int firstUndecodable(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isOverflow()) {
                out.clear();
            } else {
                result = decoder.flush(out);
                if (result.isOverflow()) {
                    out.clear();
                    continue;
                }
                return -1;
            }
        }
    }

    // ---- the octets: line length, bare CR/LF, 8-bit data and the envelope -------------------------------

    private void octets(byte[] raw) {
        int bodyStart = bodyStart(raw);
        int line = 1;
        int lineStart = 0;
        int longLines = 0;
        String firstLong = null;
        int bare = 0;
        String firstBare = null;
        int first8BitLine = -1;
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b < 0 && i >= bodyStart && first8BitLine < 0) {
                first8BitLine = line;
            }
            boolean crlf = b == '\r' && i + 1 < raw.length && raw[i + 1] == '\n';
            if (b == '\r' && !crlf || b == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                bare++;
                if (firstBare == null) {
                    firstBare = "a bare " + (b == '\r' ? "CR" : "LF") + " on line " + line;
                }
            }
            if (crlf || b == '\n') {
                int length = (crlf ? i : i - (i > 0 && raw[i - 1] == '\r' ? 1 : 0)) - lineStart;
                if (length > MAX_LINE_OCTETS) {
                    longLines++;
                    if (firstLong == null) {
                        firstLong = "line " + line + " is " + length + " octets";
                    }
                }
                i += crlf ? 1 : 0;
                line++;
                lineStart = i + 1;
            }
        }
        if (raw.length - lineStart > MAX_LINE_OCTETS) {
            longLines++;
            if (firstLong == null) {
                firstLong = "line " + line + " is " + (raw.length - lineStart) + " octets";
            }
        }
        if (firstLong != null) {
            add(Problem.LINE_TOO_LONG, firstLong + (longLines > 1 ? " (and " + (longLines - 1) + " more lines)" : ""));
        }
        if (firstBare != null) {
            add(Problem.BARE_LINE_ENDING, firstBare + (bare > 1 ? " (" + bare + " in all)" : ""));
        }
        if (first8BitLine > 0 && !message.usedSmtpUtf8() && !"8BITMIME".equalsIgnoreCase(message.bodyType())) {
            add(Problem.UNDECLARED_8BIT, "the body has 8-bit octets (first on line " + first8BitLine
                    + ") but MAIL FROM declared neither BODY=8BITMIME nor SMTPUTF8");
        }
    }

    /** The offset after the blank line that ends the header, or the length when there is none. */
    private static int bodyStart(byte[] raw) {
        for (int i = 0; i + 1 < raw.length; i++) {
            if (raw[i] == '\n' && raw[i + 1] == '\n') {
                return i + 2;
            }
            if (raw[i] == '\n' && raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n') {
                return i + 3;
            }
        }
        return raw.length;
    }

    // ---- HTML: what a mail client cannot follow -----------------------------------------------------------

    private void html() {
        String html = message.htmlBody();
        if (html == null) {
            return;
        }
        if (message.textBody() == null) {
            add(Problem.MISSING_TEXT_ALTERNATIVE, "the message has a text/html body and no text/plain one");
        }
        Document document = Links.parse(html);
        for (Element element : document.select("a[href], area[href]")) {
            url(element, "href");
        }
        for (Element image : document.select("img")) {
            if (image.hasAttr("src")) {
                url(image, "src");
            }
            if (!image.hasAttr("alt")) {
                add(Problem.IMAGE_WITHOUT_ALT, tag(image, "src"));
            }
        }
    }

    private void url(Element element, String attribute) {
        String url = element.attr(attribute).strip();
        if (url.startsWith("#")) {
            return; // a place in the same document: mail clients follow it
        }
        Link link = new Link(url, "", Link.Source.HTML);
        if (!link.isAbsolute()) {
            add(Problem.RELATIVE_LINK, tag(element, attribute));
        } else if (isLoopback(link.host())) {
            add(Problem.LOCALHOST_LINK, tag(element, attribute));
        } else if (url.regionMatches(true, 0, "cid:", 0, 4) && element.normalName().equals("img")
                && !contentIds.contains(URLDecoder.decode(url.substring(4), StandardCharsets.UTF_8))) {
            add(Problem.MISSING_CID_PART, tag(element, attribute) + " but no part has Content-ID <"
                    + URLDecoder.decode(url.substring(4), StandardCharsets.UTF_8) + ">");
        }
    }

    /** RFC 6761 section 6.3 names and the loopback addresses of RFC 1122 and RFC 4291. */
    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1") || host.equals("0.0.0.0"));
    }

    private static String tag(Element element, String attribute) {
        return "<" + element.normalName() + " " + attribute + "=\"" + shown(element.attr(attribute)) + "\">";
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private void add(Problem problem, String detail) {
        found.add(new Finding(problem, detail));
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    private static String shown(String text) {
        return text.length() <= SHOWN_VALUE ? text : text.substring(0, SHOWN_VALUE) + "…";
    }
}
