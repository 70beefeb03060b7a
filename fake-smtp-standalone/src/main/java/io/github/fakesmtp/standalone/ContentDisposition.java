package io.github.fakesmtp.standalone;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code Content-Disposition} for downloads (RFC 6266), with the file name safe in a header and in any language. */
final class ContentDisposition {

    private ContentDisposition() {
    }

    /** @param fileName the name the mail gave, or null for {@code fallback} */
    static String attachment(String fileName, String fallback) {
        String name = fileName == null || fileName.isBlank() ? fallback : fileName;
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
