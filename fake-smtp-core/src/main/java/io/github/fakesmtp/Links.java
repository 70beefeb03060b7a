package io.github.fakesmtp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the links of a message for {@link ReceivedMessage#links()}: the HTML body parsed with jsoup, the
 * text body scanned for {@code http://} and {@code https://} URLs. The rule for combining them, which the
 * javadoc of {@code links()} states for users, is here: HTML links first in document order, then the text
 * body's URLs in order, each URL once, at its first occurrence.
 */
final class Links {

    private static final String[] TEXT_SCHEMES = {"https://", "http://"};
    /** Characters that end a sentence rather than a URL when they end it. */
    private static final String TRAILING_PUNCTUATION = ".,;:!?'\"";

    private Links() {
    }

    static List<Link> of(String html, String text) {
        Map<String, Link> byUrl = new LinkedHashMap<>();
        if (html != null) {
            for (Link link : inHtml(parse(html))) {
                byUrl.putIfAbsent(link.url(), link);
            }
        }
        if (text != null) {
            for (Link link : inText(text)) {
                byUrl.putIfAbsent(link.url(), link);
            }
        }
        return List.copyOf(byUrl.values());
    }

    static Document parse(String html) {
        return Jsoup.parse(html);
    }

    /** The {@code href} of every {@code a} and {@code area} element, in document order, duplicates kept. */
    static List<Link> inHtml(Document document) {
        List<Link> links = new ArrayList<>();
        for (Element element : document.select("a[href], area[href]")) {
            String text = element.normalName().equals("area") ? element.attr("alt").strip() : element.text();
            links.add(new Link(element.attr("href").strip(), text, Link.Source.HTML));
        }
        return links;
    }

    /**
     * The {@code http://} and {@code https://} URLs written in a text, in order, duplicates kept. A URL ends
     * at white space, a control character, {@code <}, {@code >} or {@code "}; sentence punctuation and
     * unbalanced closing brackets at its end are not part of it, so {@code (see https://x.example/a).}
     * gives {@code https://x.example/a}.
     */
    static List<Link> inText(String text) {
        List<Link> links = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int at = 0;
        while (true) {
            int start = nextScheme(lower, at);
            if (start < 0) {
                return links;
            }
            int end = start;
            while (end < text.length() && !endsUrl(text.charAt(end))) {
                end++;
            }
            end = withoutTrailingPunctuation(text, start, end);
            String url = text.substring(start, end);
            if (url.indexOf("://") + 3 < url.length()) {
                links.add(new Link(url, url, Link.Source.TEXT));
            }
            at = Math.max(end, start + 1);
        }
    }

    /** The start of the next URL scheme at or after {@code from} that does not continue a word. */
    private static int nextScheme(String lower, int from) {
        int best = -1;
        for (String scheme : TEXT_SCHEMES) {
            int i = from;
            while ((i = lower.indexOf(scheme, i)) >= 0 && i > 0 && Character.isLetterOrDigit(lower.charAt(i - 1))) {
                i++;
            }
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    private static boolean endsUrl(char c) {
        return Character.isWhitespace(c) || Character.isISOControl(c) || c == '<' || c == '>' || c == '"'
                || c == '\u00a0';
    }

    private static int withoutTrailingPunctuation(String text, int start, int end) {
        while (end > start) {
            char last = text.charAt(end - 1);
            if (TRAILING_PUNCTUATION.indexOf(last) >= 0) {
                end--;
            } else if (last == ')' && unbalanced(text, start, end, '(', ')')
                    || last == ']' && unbalanced(text, start, end, '[', ']')
                    || last == '}' && unbalanced(text, start, end, '{', '}')) {
                end--;
            } else {
                return end;
            }
        }
        return end;
    }

    private static boolean unbalanced(String text, int start, int end, char open, char close) {
        int depth = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == open) {
                depth++;
            } else if (c == close) {
                depth--;
            }
        }
        return depth < 0;
    }
}
