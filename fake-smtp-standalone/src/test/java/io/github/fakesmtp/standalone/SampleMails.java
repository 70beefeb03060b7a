package io.github.fakesmtp.standalone;

import io.github.fakesmtp.FakeSmtpTls;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Mail as applications send it, for the inbox's browser tests: sent over SMTP with Angus Mail. */
final class SampleMails {

    static final byte[] CSV = "invoice;date;amount\r\n2024-0042;2024-03-01;19.99\r\n".getBytes(StandardCharsets.UTF_8);
    /** The logo the invoice's HTML shows inline, 120 × 40 pixels. */
    static final byte[] LOGO = png(120, 40, new Color(47, 111, 237), "acme");
    static final byte[] CHART = png(64, 64, new Color(232, 120, 40), null);

    private final int port;

    SampleMails(int port) {
        this.port = port;
    }

    /** A picture: a coloured field with a white word, or with white bars like a chart. */
    static byte[] png(int width, int height, Color color, String word) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setColor(color);
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.WHITE);
        if (word != null) {
            graphics.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, height / 2));
            graphics.drawString(word, height / 3, height * 2 / 3);
        } else {
            for (int bar = 0; bar < 4; bar++) {
                int top = height - (bar + 1) * height / 5;
                graphics.fillRect(width / 8 + bar * width / 5, top, width / 8, height - top - height / 8);
            }
        }
        graphics.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    Session session() {
        return Mails.session(port, false);
    }

    /** A session that says STARTTLS first and trusts the server's bundled certificate. */
    Session tlsSession() {
        Session session = session();
        session.getProperties().setProperty("mail.smtp.starttls.enable", "true");
        session.getProperties().setProperty("mail.smtp.starttls.required", "true");
        session.getProperties().putAll(FakeSmtpTls.angusMailProperties("smtp"));
        return session;
    }

    private static MimeMessage message(Session session, String from, String to, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        message.setSubject(subject, "UTF-8");
        return message;
    }

    private static MimeMultipart alternatives(String text, String html) throws MessagingException {
        MimeMultipart alternatives = new MimeMultipart("alternative");
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8");
        alternatives.addBodyPart(textPart);
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setContent(html, "text/html; charset=UTF-8");
        alternatives.addBodyPart(htmlPart);
        return alternatives;
    }

    private static MimeBodyPart attachment(byte[] content, String type, String name) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        if (name != null) {
            part.setFileName(name);
        }
        return part;
    }

    /** A sign-up confirmation: text and HTML, a button link. */
    void welcome(String to) throws Exception {
        MimeMessage message = message(session(), "Acme Accounts <accounts@acme.example>", to, "Welcome to Acme, confirm your address");
        message.setContent(alternatives("Hi,\n\nwelcome to Acme. Confirm your address:\nhttps://acme.example/confirm?token=8f2a61\n\nThe Acme team",
                "<div style=\"font-family:Helvetica,Arial,sans-serif;max-width:520px;margin:24px auto;color:#1f2933\">"
                + "<h2 style=\"margin:0 0 12px\">Welcome to Acme</h2><p>Confirm your address to finish signing up.</p>"
                + "<p style=\"margin:24px 0\"><a href=\"https://acme.example/confirm?token=8f2a61\" style=\"background:#2f6fed;"
                + "color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none\">Confirm my address</a></p>"
                + "<p style=\"color:#6b7785;font-size:13px\">The Acme team</p></div>"));
        Mails.send(message, null, null);
    }

    /**
     * An invoice sent after AUTH: text and HTML with an inline {@code cid:} logo and a remote tracking pixel, a CSV
     * and a PNG attachment, a Cc and a Bcc recipient (in the envelope only), a UTF-8 subject.
     */
    MimeMessage invoice() throws Exception {
        MimeMessage message = message(Mails.session(port, true), "Acme Billing <billing@acme.example>", "zoe@example.com",
                "Rechnung für Zoë – Nr. 2024-0042");
        message.setRecipient(Message.RecipientType.CC, new InternetAddress("accounts@example.com"));
        message.setRecipient(Message.RecipientType.BCC, new InternetAddress("audit@acme.example"));
        message.setReplyTo(new InternetAddress[] {new InternetAddress("help@acme.example")});
        MimeMultipart related = new MimeMultipart("related");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setContent("<div style=\"font-family:Georgia,serif;max-width:560px;margin:24px auto;color:#222\">"
                + "<img id=\"logo\" src=\"cid:logo@acme.example\" width=\"120\" height=\"40\" alt=\"Acme\">"
                + "<h2 style=\"font-weight:normal\">Invoice 2024-0042</h2><p>Dear Zoë,</p>"
                + "<p>thank you for your order. Your invoice is attached; the amount of <b>€19.99</b> is due on 15 March.</p>"
                + "<table style=\"border-collapse:collapse;width:100%\"><tr><td style=\"border-bottom:1px solid #ddd;padding:6px 0\">"
                + "Acme Cloud, Starter plan</td><td style=\"border-bottom:1px solid #ddd;text-align:right\">€19.99</td></tr></table>"
                + "<p style=\"color:#777;font-size:13px\">Acme Inc., 1 Market Street</p>"
                + "<img src=\"https://tracker.acme.example/open.gif\" width=\"1\" height=\"1\" alt=\"\"></div>", "text/html; charset=UTF-8");
        related.addBodyPart(htmlPart);
        MimeBodyPart logo = attachment(LOGO, "image/png", null);
        logo.setContentID("<logo@acme.example>");
        logo.setDisposition(MimeBodyPart.INLINE);
        related.addBodyPart(logo);
        MimeMultipart alternatives = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Dear Zoë,\n\nthank you for your order. Your invoice is attached; the amount of €19.99 is due on 15 March.\n",
                "UTF-8");
        alternatives.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(related);
        alternatives.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternatives);
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(attachment(CSV, "text/csv", "invoice-2024-0042.csv"));
        mixed.addBodyPart(attachment(CHART, "image/png", "usage-chart.png"));
        message.setContent(mixed);
        message.saveChanges();
        Mails.send(message, "app", "s3cret");
        return message;
    }

    /** A plain-text notice sent over STARTTLS. */
    void shipped() throws Exception {
        MimeMessage message = message(tlsSession(), "Acme Shop <no-reply@shop.acme.example>", "carol@example.org",
                "Your order #1187 has shipped");
        message.setText("Hi Carol,\n\nyour order #1187 is on its way. Tracking number: ZX81-5521-0042.\n\nAcme Shop\n", "UTF-8");
        Mails.send(message, null, null);
    }

    /** A password reset with a link, text only. */
    void passwordReset(String to) throws Exception {
        MimeMessage message = message(session(), "Acme Security <security@acme.example>", to, "Reset your password");
        message.setText("Someone asked to reset the password of your Acme account.\n\n"
                + "https://acme.example/reset?token=Qm9iLXJlc2V0\n\nIf it was not you, ignore this mail.\n", "UTF-8");
        Mails.send(message, null, null);
    }

    /** An HTML message with one link. */
    void link(String url) throws Exception {
        MimeMessage message = message(session(), "Acme Accounts <accounts@acme.example>", "bob@example.com", "Confirm your address");
        message.setContent(alternatives("Confirm: " + url, "<p><a id=\"confirm\" href=\"" + url + "\">Confirm my address</a></p>"));
        Mails.send(message, null, null);
    }

    /** A plain message with a subject of its own. */
    void plain(String from, String to, String subject) throws Exception {
        MimeMessage message = message(session(), from, to, subject);
        message.setText("Hello from " + from + "\n", "UTF-8");
        Mails.send(message, null, null);
    }

    /**
     * Everything a hostile mail tries: a script, an {@code onerror} handler, a {@code javascript:} link, a form,
     * a meta refresh, a frame, remote images, styles and fonts — all pointed at {@code canary} — and a subject
     * that is markup. Each script would set {@code data-pwned} on the body it runs in and call the canary.
     */
    void hostile(String canary) throws Exception {
        MimeMessage message = message(session(), "Mallory <mallory@attacker.example>", "bob@example.com",
                HOSTILE_SUBJECT);
        String pwn = "document.body.setAttribute('data-pwned','%s');fetch('" + canary + "/script-%s');"
                + "try{parent.document.body.setAttribute('data-pwned','%s')}catch(e){}";
        message.setContent(alternatives("hostile",
                "<html><head><meta http-equiv=\"refresh\" content=\"0;url=" + canary + "/refresh\">"
                + "<link rel=\"stylesheet\" href=\"" + canary + "/style.css\">"
                + "<style>@import url('" + canary + "/import.css'); @font-face{font-family:x;src:url('" + canary + "/font.woff')}"
                + " body{background:url('" + canary + "/background.png');font-family:x}</style>"
                + "<script src=\"" + canary + "/remote.js\"></script></head>"
                + "<body><p id=\"greeting\">You have won.</p>"
                + "<script>" + pwn.formatted("script", "inline", "script") + "</script>"
                + "<img id=\"broken\" src=\"x\" onerror=\"" + pwn.formatted("onerror", "onerror", "onerror") + "\">"
                + "<img src=\"" + canary + "/image.png\">"
                + "<a id=\"js-link\" href=\"javascript:" + pwn.formatted("link", "link", "link") + "\">Claim your prize</a>"
                + "<form id=\"form\" action=\"" + canary + "/form\" method=\"post\"><input name=\"card\" value=\"4111\">"
                + "<button id=\"submit\" type=\"submit\">Send</button></form>"
                + "<iframe src=\"" + canary + "/frame\"></iframe>"
                + "<svg onload=\"" + pwn.formatted("svg", "svg", "svg") + "\"></svg>"
                + "</body></html>"));
        Mails.send(message, null, null);
    }

    static final String HOSTILE_SUBJECT = "<img src=x onerror=\"document.body.setAttribute('data-pwned','subject')\"> You won!";
}
