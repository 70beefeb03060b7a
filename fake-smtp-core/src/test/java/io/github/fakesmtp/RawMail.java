package io.github.fakesmtp;

import java.nio.charset.StandardCharsets;

/**
 * Mail written byte for byte and sent over raw SMTP, for the malformed mail no library produces: the lint,
 * link and saved-mail tests use it. Text is written with {@code \n} line ends, which become CRLF.
 */
final class RawMail {

    /** A header every check is happy with; each test removes, repeats or changes one thing. */
    static final String HEADER = """
            Date: Mon, 2 Mar 2026 10:00:00 +0000
            From: App <app@example.com>
            To: bob@example.com
            Subject: Hello
            Message-ID: <1.2026@app.example.com>
            MIME-Version: 1.0
            """;

    private RawMail() {
    }

    /** The well-formed header, then {@code rest}: more header lines, the blank line and the body. */
    static String mail(String rest) {
        return HEADER + rest;
    }

    /** A well-formed text/plain mail with this body. */
    static String text(String body) {
        return mail("Content-Type: text/plain; charset=UTF-8\n\n" + body + "\n");
    }

    /** A well-formed multipart/alternative mail: a plain text part, and {@code html} as the HTML part. */
    static String alternative(String html) {
        return mail("""
                Content-Type: multipart/alternative; boundary="b1"

                --b1
                Content-Type: text/plain; charset=UTF-8

                Hello
                --b1
                Content-Type: text/html; charset=UTF-8

                """ + html + """

                --b1--
                """);
    }

    /**
     * A well-formed multipart/related mail: an alternative of a plain text part and an HTML part (its
     * {@code htmlPart}: optional header lines, a blank line, the HTML), then an image/png part with this
     * Content-ID (with its angle brackets) and base64 content.
     */
    static String related(String htmlPart, String contentId, String pngBase64) {
        return mail("""
                Content-Type: multipart/related; boundary="r1"

                --r1
                Content-Type: multipart/alternative; boundary="b1"

                --b1
                Content-Type: text/plain; charset=UTF-8

                Hello
                --b1
                Content-Type: text/html; charset=UTF-8
                """ + htmlPart + """

                --b1--
                --r1
                Content-Type: image/png
                Content-Transfer-Encoding: base64
                """ + "Content-ID: " + contentId + "\n\n" + pngBase64 + "\n--r1--\n");
    }

    /** CRLF line ends, UTF-8. */
    static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Sends {@code content} with DATA (dot-stuffing it), MAIL FROM carrying {@code mailParameters}. */
    static ReceivedMessage data(FakeSmtpServer server, String mailParameters, byte[] content) {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            envelope(client, mailParameters);
            client.command("DATA").expect(354);
            client.send(stuffed(content));
            client.send(".\r\n".getBytes(StandardCharsets.US_ASCII));
            client.readReply().expect(250);
        }
        return server.takeMessage(SmtpChecks.WAIT);
    }

    /** Sends {@code content} as one BDAT LAST chunk (RFC 3030), which carries any octets, long lines too. */
    static ReceivedMessage bdat(FakeSmtpServer server, String mailParameters, byte[] content) {
        try (SmtpTestClient client = SmtpTestClient.ready(server)) {
            envelope(client, mailParameters);
            client.send(("BDAT " + content.length + " LAST\r\n").getBytes(StandardCharsets.US_ASCII));
            client.send(content);
            client.readReply().expect(250);
        }
        return server.takeMessage(SmtpChecks.WAIT);
    }

    private static void envelope(SmtpTestClient client, String mailParameters) {
        client.command("MAIL FROM:<app@example.com>" + (mailParameters.isEmpty() ? "" : " " + mailParameters))
                .expect(250);
        client.command("RCPT TO:<bob@example.com>").expect(250);
    }

    /** RFC 5321 section 4.5.2; the content must end with a line end. */
    private static byte[] stuffed(byte[] content) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(content.length + 16);
        boolean lineStart = true;
        for (byte b : content) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        return out.toByteArray();
    }
}
