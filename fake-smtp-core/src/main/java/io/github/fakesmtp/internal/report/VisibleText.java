package io.github.fakesmtp.internal.report;

/**
 * Shows text and bytes in failure messages so that what cannot be seen can be: two bodies that differ only
 * in {@code \r\n} against {@code \n}, a tab, a no-break space or a trailing space must not print alike.
 * Shared by the front ends' failure messages and core's own exceptions; not API.
 */
public final class VisibleText {

    /** Bytes shown on each side of the first difference of two byte sequences. */
    static final int WINDOW = 16;

    private VisibleText() {
    }

    /**
     * Quotes text for a failure message, its invisible characters escaped (see {@link #escape}), cut after
     * {@code max} characters of the original.
     *
     * @param text the text, or null
     * @param max how many characters to show at most
     * @return for example {@code 'Hi bob\r\n'}, or {@code null}
     */
    public static String quote(String text, int max) {
        if (text == null) {
            return "null";
        }
        if (text.length() > max) {
            return "'" + escape(text.substring(0, max)) + "'…(" + (text.length() - max) + " more characters)";
        }
        return "'" + escape(text) + "'";
    }

    /**
     * Escapes what would print invisibly or ambiguously: CR, LF and tab as {@code \r}, {@code \n} and
     * {@code \t}, a backslash as {@code \\}, a space before a line break or at the end as {@code ␠}, and the
     * no-break space, other control and format characters (zero-width space, byte order mark …) as
     * {@code \}{@code uXXXX}.
     *
     * @param text the text
     * @return the escaped text, on one line
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case ' ' -> out.append(trailing(text, i) ? "␠" : " ");
                default -> {
                    int type = Character.getType(c);
                    if (c == '\u00a0' || type == Character.CONTROL || type == Character.FORMAT
                            || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Whether the space at {@code i} is followed only by spaces up to a line break or the end. */
    private static boolean trailing(String text, int i) {
        int j = i;
        while (j < text.length() && text.charAt(j) == ' ') {
            j++;
        }
        return j == text.length() || text.charAt(j) == '\r' || text.charAt(j) == '\n';
    }

    /**
     * Where two texts first differ.
     *
     * @param a one text
     * @param b the other
     * @return the index of the first differing character, the shorter length when one is a prefix of the
     *     other, or -1 when they are equal
     */
    public static int firstDifference(CharSequence a, CharSequence b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return i;
            }
        }
        return a.length() == b.length() ? -1 : n;
    }

    /**
     * Where two byte sequences first differ.
     *
     * @param a one sequence
     * @param b the other
     * @return the offset of the first differing byte, the shorter length when one is a prefix of the other,
     *     or -1 when they are equal
     */
    public static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : n;
    }

    /**
     * The bytes around {@code offset}, escaped: a few bytes before and after, printable ASCII as it is, CR,
     * LF, tab and backslash as {@code \r}, {@code \n}, {@code \t}, {@code \\}, every other byte as
     * {@code \xNN}, with {@code …} where the sequence goes on.
     *
     * @param bytes the sequence
     * @param offset where to look, 0 to {@code bytes.length}
     * @return for example {@code …'ab\r\ncd'…}
     */
    public static String window(byte[] bytes, int offset) {
        int from = Math.max(0, offset - WINDOW);
        int to = Math.min(bytes.length, offset + WINDOW);
        return (from > 0 ? "…" : "") + "'" + escape(bytes, from, to) + "'" + (to < bytes.length ? "…" : "");
    }

    /**
     * Escapes a range of bytes as {@link #window} does, without the quotes.
     *
     * @param bytes the sequence
     * @param from the first offset
     * @param to the end offset, exclusive
     * @return the escaped bytes, on one line
     */
    public static String escape(byte[] bytes, int from, int to) {
        StringBuilder out = new StringBuilder((to - from) * 2);
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        out.append((char) b);
                    } else {
                        out.append(String.format("\\x%02x", b));
                    }
                }
            }
        }
        return out.toString();
    }
}
