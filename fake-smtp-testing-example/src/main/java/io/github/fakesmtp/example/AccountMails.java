package io.github.fakesmtp.example;

import io.github.fakesmtp.example.OutgoingMail.Address;
import io.github.fakesmtp.example.OutgoingMail.FileAttachment;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The mails of the account service: sign-up confirmation, password reset, sign-in code and invoice. Each has a text and an
 * HTML alternative and goes, as a hidden copy, to the audit mailbox too.
 */
public final class AccountMails {

    private final Address sender;
    private final Address audit;
    private final String baseUrl;

    /**
     * Creates the mail templates.
     *
     * @param sender who the mails come from
     * @param audit the mailbox that gets a Bcc of every mail
     * @param baseUrl where links point, e.g. {@code https://app.example.com}
     */
    public AccountMails(Address sender, Address audit, String baseUrl) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /**
     * The mail that asks a new user to confirm their address.
     *
     * @param user the new user
     * @param token the confirmation token
     * @return the mail
     */
    public OutgoingMail signUp(Address user, String token) {
        String link = link("/confirm", token);
        String greeting = "Hello " + displayName(user);
        return mail(user, "Welcome to Fjällbo, " + displayName(user) + "!",
                greeting + ",\n\nplease confirm your address: " + link + "\n",
                "<p>" + html(greeting) + ",</p><p><a href=\"" + link + "\">Confirm your address</a></p>",
                List.of());
    }

    /**
     * The mail with a link to choose a new password.
     *
     * @param user the user who asked
     * @param token the reset token
     * @return the mail
     */
    public OutgoingMail passwordReset(Address user, String token) {
        String link = link("/reset", token);
        return mail(user, "Reset your password",
                "Hello " + displayName(user) + ",\n\nchoose a new password here: " + link
                        + "\n\nIf you did not ask for this, ignore this mail.\n",
                "<p>Hello " + html(displayName(user)) + ",</p><p><a href=\"" + link + "\">Choose a new password</a></p>",
                List.of());
    }

    /**
     * The mail with a one-time code to sign in with.
     *
     * @param user the user who is signing in
     * @param code the code, six digits
     * @return the mail
     */
    public OutgoingMail signInCode(Address user, String code) {
        return mail(user, "Your sign-in code",
                "Hello " + displayName(user) + ",\n\nyour sign-in code: " + code + "\n\nIt is valid for 10 minutes.\n",
                "<p>Hello " + html(displayName(user)) + ",</p><p>your sign-in code: <b>" + html(code) + "</b></p>"
                        + "<p>It is valid for 10 minutes.</p>",
                List.of());
    }

    /**
     * The monthly invoice, with the items as a CSV attachment.
     *
     * @param user the customer
     * @param number the invoice number, e.g. {@code 2026-0042}
     * @param lines what was bought
     * @return the mail
     */
    public OutgoingMail invoice(Address user, String number, List<InvoiceLine> lines) {
        BigDecimal total = lines.stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        FileAttachment csv = new FileAttachment("invoice-" + number + ".csv", "text/csv; charset=UTF-8",
                invoiceCsv(lines));
        return mail(user, "Your invoice " + number,
                "Hello " + displayName(user) + ",\n\nyour invoice " + number + " totals EUR " + total
                        + ". The details are attached.\n",
                "<p>Your invoice <b>" + html(number) + "</b> totals <b>EUR " + total + "</b>.</p>",
                List.of(csv));
    }

    /**
     * The CSV attached to an invoice: a header line, then one line per item, UTF-8 with CRLF line ends.
     *
     * @param lines the items
     * @return the file's bytes
     */
    public static byte[] invoiceCsv(List<InvoiceLine> lines) {
        StringBuilder csv = new StringBuilder("item;amount\r\n");
        for (InvoiceLine line : lines) {
            csv.append(line.item().replace(";", ",")).append(';').append(line.amount().toPlainString()).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An item on an invoice.
     *
     * @param item what it is
     * @param amount its price in euros
     */
    public record InvoiceLine(String item, BigDecimal amount) {
    }

    private OutgoingMail mail(Address user, String subject, String text, String html, List<FileAttachment> files) {
        return new OutgoingMail(sender, List.of(user), List.of(audit), subject, text, html, files);
    }

    private String link(String path, String token) {
        return baseUrl + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static String displayName(Address user) {
        return user.name() != null ? user.name() : user.email();
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
