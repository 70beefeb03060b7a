package io.github.fakesmtp.assertj;

import static io.github.fakesmtp.assertj.Describe.quote;

import io.github.fakesmtp.Attachment;
import io.github.fakesmtp.Finding;
import io.github.fakesmtp.Link;
import io.github.fakesmtp.MailAddress;
import io.github.fakesmtp.Problem;
import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.internal.report.ExaminedMessages;
import io.github.fakesmtp.internal.report.Summaries;
import io.github.fakesmtp.internal.report.VisibleText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ListAssert;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.api.StringAssert;

/**
 * Assertions on one {@link ReceivedMessage}: its envelope, headers, bodies, attachments and how it was sent.
 * Create them with {@link FakeSmtpAssertions#assertThat(ReceivedMessage)} or by navigating from the server
 * assertions. Every failure names the message and shows the value it actually had; text is shown with its
 * invisible characters made visible ({@code \r}, {@code \n}, {@code \t}, {@code \}{@code u00a0}, and
 * {@code ␠} for a space at the end of a line), so values that differ only there do not print alike.
 *
 * <p>Bodies are compared the way a reader means them: {@link #hasTextBody(String)}, {@link #hasHtmlBody(String)}
 * and {@link #hasAttachmentWithContent(String, String)} treat CRLF, CR and LF line breaks alike and ignore one
 * trailing line break (a client that chose quoted-printable delivers {@code setText("Hi")} as
 * {@code "Hi\r\n"}, one that chose base64 as {@code "Hi"}); their {@code …Exactly} variants compare every
 * character.
 *
 * <p>For {@link io.github.fakesmtp.junit5.FakeSmtp#failOnUnexpectedMail()}, the message is examined when one
 * of these assertions runs on it, whether it passes or fails, including {@code satisfies(..)} and
 * {@code matches(..)}; creating the assertion object checks nothing and examines nothing.
 */
public class ReceivedMessageAssert extends AbstractAssert<ReceivedMessageAssert, ReceivedMessage> {

    private static final int MAX_SHOWN = 2000;
    /** Byte contents up to this size go to the IDE's diff, escaped; larger ones only as a window around the difference. */
    private static final int MAX_DIFFED_BYTES = 64 * 1024;

    /** True when navigation found no message and already collected that failure softly: then nothing is checked. */
    private boolean missing;
    /** The soft assertions this one belongs to, or null: the string assertions it extracts collect there too. */
    private SoftAssertionsProvider soft;

    /**
     * Creates the assertions; prefer {@link FakeSmtpAssertions#assertThat(ReceivedMessage)}.
     *
     * @param message the message
     */
    public ReceivedMessageAssert(ReceivedMessage message) {
        super(message, ReceivedMessageAssert.class);
    }

    static ReceivedMessageAssert of(ReceivedMessage message, SoftAssertionsProvider soft) {
        if (soft == null) {
            return new ReceivedMessageAssert(message);
        }
        ReceivedMessageAssert softly = soft.proxy(ReceivedMessageAssert.class, ReceivedMessage.class, message);
        softly.softly(soft);
        return softly;
    }

    /** Makes the extracting assertions soft too, collecting into {@code provider}. */
    void softly(SoftAssertionsProvider provider) {
        this.soft = provider;
    }

    static ReceivedMessageAssert missing() {
        ReceivedMessageAssert placeholder = new ReceivedMessageAssert(null);
        placeholder.missing = true;
        return placeholder;
    }

    // ---- envelope ----------------------------------------------------------------------------------------

    /**
     * Verifies the envelope sender (MAIL FROM); {@code ""} for the null reverse-path of bounces.
     *
     * @param sender the address
     * @return this
     */
    public ReceivedMessageAssert hasEnvelopeSender(String sender) {
        if (check()) {
            expectEqual("envelope sender", sender, actual.envelopeSender(), Describe.sameAddress(sender, actual.envelopeSender()));
        }
        return myself;
    }

    /**
     * Verifies that {@code recipient} is among the envelope recipients (RCPT TO), which include Bcc.
     *
     * @param recipient the address
     * @return this
     */
    public ReceivedMessageAssert hasRecipient(String recipient) {
        if (check() && !Describe.containsAddress(actual.envelopeRecipients(), recipient)) {
            fail("expected envelope recipient " + quote(recipient) + " but the recipients were "
                    + actual.envelopeRecipients());
        }
        return myself;
    }

    /**
     * Verifies that {@code recipient} is not among the envelope recipients (RCPT TO, Bcc included).
     *
     * @param recipient the address
     * @return this
     */
    public ReceivedMessageAssert hasNoRecipient(String recipient) {
        if (check() && Describe.containsAddress(actual.envelopeRecipients(), recipient)) {
            fail("expected no envelope recipient " + quote(recipient) + " but the recipients were "
                    + actual.envelopeRecipients());
        }
        return myself;
    }

    /**
     * Verifies the envelope recipients exactly, in any order: the same addresses, each as often as given
     * (local parts exactly, domains in any case). A failure shows both lists, for the IDE's diff.
     *
     * @param recipients every expected address
     * @return this
     * @see #hasRecipientsInOrder(String...)
     * @see #containsRecipients(String...)
     */
    public ReceivedMessageAssert hasRecipients(String... recipients) {
        return addresses("envelope recipients", ENVELOPE,
                ListAssert::containsExactlyInAnyOrderElementsOf, recipients);
    }

    /**
     * Verifies the envelope recipients exactly and in the order of the RCPT TO commands.
     *
     * @param recipients every expected address, in order
     * @return this
     */
    public ReceivedMessageAssert hasRecipientsInOrder(String... recipients) {
        return addresses("envelope recipients", ENVELOPE,
                ListAssert::containsExactlyElementsOf, recipients);
    }

    /**
     * Verifies that the envelope recipients include every one of {@code recipients}, in any order; others
     * may be there too.
     *
     * @param recipients some expected addresses
     * @return this
     */
    public ReceivedMessageAssert containsRecipients(String... recipients) {
        return addresses("envelope recipients", ENVELOPE, ListAssert::containsAll,
                recipients);
    }

    // ---- headers -----------------------------------------------------------------------------------------

    /**
     * Verifies the mailboxes of the From header exactly, in any order. Each is an address,
     * {@code noreply@example.com}, or a mailbox with its display name, {@code Fjällbo <noreply@example.com>}:
     * when any has a name, every one is compared with its decoded display name (one without a name then
     * means a mailbox without one); otherwise the addresses alone are compared. The same holds for
     * {@link #hasTo}, {@link #hasCc}, {@link #hasReplyTo} and the {@code contains…} variants.
     *
     * @param addresses the addresses or mailboxes
     * @return this
     * @see #hasFromName(String)
     */
    public ReceivedMessageAssert hasFrom(String... addresses) {
        return addresses("From", header("From"), ListAssert::containsExactlyInAnyOrderElementsOf, addresses);
    }

    /**
     * Verifies the addresses of the To header exactly, in any order: the same addresses, each as often as
     * given.
     *
     * @param addresses the addresses, or mailboxes with display names as for {@link #hasFrom}
     * @return this
     * @see #containsTo(String...)
     */
    public ReceivedMessageAssert hasTo(String... addresses) {
        return addresses("To", header("To"), ListAssert::containsExactlyInAnyOrderElementsOf, addresses);
    }

    /**
     * Verifies that the To header includes every one of {@code addresses}; others may be there too.
     *
     * @param addresses some expected addresses, or mailboxes with display names as for {@link #hasFrom}
     * @return this
     */
    public ReceivedMessageAssert containsTo(String... addresses) {
        return addresses("To", header("To"), ListAssert::containsAll, addresses);
    }

    /**
     * Verifies the addresses of the Cc header exactly, in any order: the same addresses, each as often as
     * given.
     *
     * @param addresses the addresses, or mailboxes with display names as for {@link #hasFrom}
     * @return this
     * @see #containsCc(String...)
     */
    public ReceivedMessageAssert hasCc(String... addresses) {
        return addresses("Cc", header("Cc"), ListAssert::containsExactlyInAnyOrderElementsOf, addresses);
    }

    /**
     * Verifies that the Cc header includes every one of {@code addresses}; others may be there too.
     *
     * @param addresses some expected addresses, or mailboxes with display names as for {@link #hasFrom}
     * @return this
     */
    public ReceivedMessageAssert containsCc(String... addresses) {
        return addresses("Cc", header("Cc"), ListAssert::containsAll, addresses);
    }

    /**
     * Verifies the addresses of the Reply-To header exactly, in any order.
     *
     * @param addresses the addresses, or mailboxes with display names as for {@link #hasFrom}
     * @return this
     */
    public ReceivedMessageAssert hasReplyTo(String... addresses) {
        return addresses("Reply-To", header("Reply-To"), ListAssert::containsExactlyInAnyOrderElementsOf,
                addresses);
    }

    /**
     * Verifies the decoded display name of the From mailbox (of one of them, when there are several):
     * {@code hasFromName("Fjällbo Accounts")} for {@code From: =?UTF-8?Q?Fj=C3=A4llbo_Accounts?= <noreply@example.com>}.
     *
     * @param name the display name
     * @return this
     */
    public ReceivedMessageAssert hasFromName(String name) {
        if (check()) {
            List<MailAddress> from = actual.addresses("From");
            if (from.stream().noneMatch(mailbox -> Objects.equals(name, mailbox.name()))) {
                Object names = from.size() == 1 ? from.get(0).name() : from.stream().map(MailAddress::name).toList();
                failWithActualExpectedAndMessage(names, name, "%s", "expected From display name "
                        + Describe.visible(name, MAX_SHOWN) + " but the From header was "
                        + (from.isEmpty() ? "absent" : from.stream().map(MailAddress::toString)
                                .collect(Collectors.joining(", ")))
                        + "\nin message " + actual);
            }
        }
        return myself;
    }

    /**
     * Verifies the decoded Subject.
     *
     * @param subject the subject
     * @return this
     */
    public ReceivedMessageAssert hasSubject(String subject) {
        if (check()) {
            String actualSubject = actual.subject();
            expectEqual("subject", subject, actualSubject, Objects.equals(subject, actualSubject));
        }
        return myself;
    }

    /**
     * Verifies that a header is present.
     *
     * @param name the header name, any case
     * @return this
     */
    public ReceivedMessageAssert hasHeader(String name) {
        if (check() && actual.header(name) == null) {
            fail("expected header " + quote(name) + " but there is none; the headers were:\n"
                    + headerBlock());
        }
        return myself;
    }

    /**
     * Verifies that a header has {@code value} (one of its values, when it occurs several times), unfolded.
     *
     * @param name the header name, any case
     * @param value the expected value
     * @return this
     */
    public ReceivedMessageAssert hasHeader(String name, String value) {
        if (check()) {
            List<String> values = actual.headers(name);
            if (!values.contains(value)) {
                Object shown = values.isEmpty() ? null : values.size() == 1 ? values.get(0) : values;
                expectEqual("header " + name, value, shown, false);
            }
        }
        return myself;
    }

    /**
     * Verifies that a header is absent, e.g. {@code hasNoHeader("Bcc")}.
     *
     * @param name the header name, any case
     * @return this
     */
    public ReceivedMessageAssert hasNoHeader(String name) {
        if (check()) {
            List<String> values = actual.headers(name);
            if (!values.isEmpty()) {
                fail("expected no header " + quote(name) + " but it has " + values.stream()
                        .map(value -> name + ": " + Describe.visible(value, MAX_SHOWN)).collect(Collectors.joining(", ")));
            }
        }
        return myself;
    }

    // ---- bodies ------------------------------------------------------------------------------------------

    /**
     * Verifies the text/plain body, CRLF, CR and LF line breaks alike and one trailing line break ignored:
     * {@code hasTextBody("Hi bob")} passes for {@code "Hi bob"}, {@code "Hi bob\n"} and {@code "Hi bob\r\n"},
     * not for {@code "Hi bob\n\n"}.
     *
     * @param text the body
     * @return this
     * @see #hasTextBodyExactly(String)
     */
    public ReceivedMessageAssert hasTextBody(String text) {
        if (check()) {
            expectSameText("text body", text, actual.textBody(), "hasTextBodyExactly");
        }
        return myself;
    }

    /**
     * Verifies the text/plain body character for character, line breaks included, as decoded from its
     * transfer encoding and charset.
     *
     * @param text the body
     * @return this
     */
    public ReceivedMessageAssert hasTextBodyExactly(String text) {
        if (check()) {
            String body = actual.textBody();
            expectEqual("text body", text, body, Objects.equals(text, body));
        }
        return myself;
    }

    /**
     * Verifies the text/html body, line breaks compared as in {@link #hasTextBody(String)}.
     *
     * @param html the body
     * @return this
     * @see #hasHtmlBodyExactly(String)
     */
    public ReceivedMessageAssert hasHtmlBody(String html) {
        if (check()) {
            expectSameText("HTML body", html, actual.htmlBody(), "hasHtmlBodyExactly");
        }
        return myself;
    }

    /**
     * Verifies the text/html body character for character.
     *
     * @param html the body
     * @return this
     */
    public ReceivedMessageAssert hasHtmlBodyExactly(String html) {
        if (check()) {
            String body = actual.htmlBody();
            expectEqual("HTML body", html, body, Objects.equals(html, body));
        }
        return myself;
    }

    /**
     * Verifies that the message has no text/html body.
     *
     * @return this
     */
    public ReceivedMessageAssert hasNoHtmlBody() {
        if (check()) {
            String html = actual.htmlBody();
            if (html != null) {
                fail("expected no HTML body but it has " + shown(html));
            }
        }
        return myself;
    }

    /**
     * Verifies that the text/plain body contains every one of {@code parts}.
     *
     * @param parts the expected fragments
     * @return this
     */
    public ReceivedMessageAssert hasTextBodyContaining(String... parts) {
        if (check()) {
            containing("text body", actual.textBody(), parts);
        }
        return myself;
    }

    /**
     * Verifies that the text/plain body matches a regular expression somewhere ({@link java.util.regex.Matcher#find()}).
     *
     * @param regex the expression
     * @return this
     */
    public ReceivedMessageAssert hasTextBodyMatching(String regex) {
        if (check()) {
            String body = actual.textBody();
            if (body == null || !Pattern.compile(regex).matcher(body).find()) {
                fail("expected text body to match /" + regex + "/ but was " + shown(body));
            }
        }
        return myself;
    }

    /**
     * Verifies that the text/html body contains every one of {@code parts}.
     *
     * @param parts the expected fragments
     * @return this
     */
    public ReceivedMessageAssert hasHtmlBodyContaining(String... parts) {
        if (check()) {
            containing("HTML body", actual.htmlBody(), parts);
        }
        return myself;
    }

    // ---- attachments -------------------------------------------------------------------------------------

    /**
     * Verifies that the message has no attachments (nor inline images or other non-text parts).
     *
     * @return this
     */
    public ReceivedMessageAssert hasNoAttachments() {
        if (check()) {
            List<Attachment> attachments = actual.attachments();
            if (!attachments.isEmpty()) {
                fail("expected no attachments but there " + (attachments.size() == 1 ? "is " : "are ") + attachments);
            }
        }
        return myself;
    }

    /**
     * Verifies that there is an attachment with this file name.
     *
     * @param fileName the name
     * @return this
     */
    public ReceivedMessageAssert hasAttachmentNamed(String fileName) {
        if (check()) {
            attachment(fileName);
        }
        return myself;
    }

    /**
     * Verifies that the attachment with this file name has a content type (without parameters).
     *
     * @param fileName the name
     * @param contentType for example {@code application/pdf}
     * @return this
     */
    public ReceivedMessageAssert hasAttachment(String fileName, String contentType) {
        if (check()) {
            Attachment attachment = attachment(fileName);
            if (attachment != null) {
                expectEqual("content type of attachment " + fileName, contentType, attachment.contentType(),
                        contentType.equalsIgnoreCase(attachment.contentType()));
            }
        }
        return myself;
    }

    /**
     * Verifies the decoded bytes of the attachment with this file name.
     *
     * @param fileName the name
     * @param content the expected bytes
     * @return this
     */
    public ReceivedMessageAssert hasAttachmentWithContent(String fileName, byte[] content) {
        if (check()) {
            Attachment attachment = attachment(fileName);
            byte[] bytes = attachment == null ? null : attachment.content();
            if (bytes != null && !Arrays.equals(content, bytes)) {
                int at = VisibleText.firstDifference(content, bytes);
                String message = "expected attachment " + quote(fileName) + " to have "
                        + Summaries.count(content.length, "byte") + " "
                        + (content.length == bytes.length ? "and it has as many" : "but it has " + bytes.length)
                        + ", which first differ at offset " + at + ": expected " + VisibleText.window(content, at)
                        + " but was " + VisibleText.window(bytes, at) + "\nin message " + actual;
                if (content.length <= MAX_DIFFED_BYTES && bytes.length <= MAX_DIFFED_BYTES) {
                    failWithActualExpectedAndMessage(VisibleText.escape(bytes, 0, bytes.length),
                            VisibleText.escape(content, 0, content.length), "%s", message);
                }
                failWithMessage("%s", message);
            }
        }
        return myself;
    }

    /**
     * Verifies the content of a text attachment with this file name, decoded as UTF-8, line breaks compared
     * as in {@link #hasTextBody(String)}.
     *
     * @param fileName the name
     * @param content the expected text
     * @return this
     * @see #hasAttachmentWithContentExactly(String, String)
     */
    public ReceivedMessageAssert hasAttachmentWithContent(String fileName, String content) {
        if (check()) {
            Attachment attachment = attachment(fileName);
            if (attachment != null) {
                expectSameText("content of attachment " + fileName, content,
                        new String(attachment.content(), StandardCharsets.UTF_8), "hasAttachmentWithContentExactly");
            }
        }
        return myself;
    }

    /**
     * Verifies the content of a text attachment with this file name, decoded as UTF-8, character for character.
     *
     * @param fileName the name
     * @param content the expected text
     * @return this
     */
    public ReceivedMessageAssert hasAttachmentWithContentExactly(String fileName, String content) {
        if (check()) {
            Attachment attachment = attachment(fileName);
            if (attachment != null) {
                String text = new String(attachment.content(), StandardCharsets.UTF_8);
                expectEqual("content of attachment " + fileName, content, text, content.equals(text));
            }
        }
        return myself;
    }

    // ---- links and codes ---------------------------------------------------------------------------------

    /**
     * Verifies that some link of the message ({@link ReceivedMessage#links()}: HTML and text body) has a URL
     * containing {@code part}, e.g. {@code hasLinkContaining("/reset?token=")}.
     *
     * @param part the expected fragment of a URL
     * @return this
     */
    public ReceivedMessageAssert hasLinkContaining(String part) {
        if (check()) {
            List<Link> links = actual.links();
            if (links.stream().noneMatch(link -> link.url().contains(part))) {
                fail("expected a link containing " + quote(part) + " but " + Describe.links(links));
            }
        }
        return myself;
    }

    /**
     * Verifies that some link of the message has a URL in which {@code regex} finds a match.
     *
     * @param regex the expression, matched with {@link java.util.regex.Matcher#find()}
     * @return this
     */
    public ReceivedMessageAssert hasLinkMatching(String regex) {
        if (check()) {
            List<Link> links = actual.links();
            Pattern pattern = Pattern.compile(regex);
            if (links.stream().noneMatch(link -> pattern.matcher(link.url()).find())) {
                fail("expected a link matching /" + regex + "/ but " + Describe.links(links));
            }
        }
        return myself;
    }

    /**
     * Verifies that no link of the message points to {@code host} or one of its subdomains
     * ({@code hasNoLinkTo("localhost")}, {@code hasNoLinkTo("staging.example.com")}), in any case.
     *
     * @param host the host name or address, without port
     * @return this
     */
    public ReceivedMessageAssert hasNoLinkTo(String host) {
        if (check()) {
            List<Link> to = actual.links().stream().filter(link -> Describe.isHostOrSubdomain(link.host(), host)).toList();
            if (!to.isEmpty()) {
                fail("expected no link to " + host + " but found" + to.stream().map(Link::toString)
                        .collect(Collectors.joining("\n  ", "\n  ", "")));
            }
        }
        return myself;
    }

    /**
     * Continues with assertions on the URL of the first link whose URL {@code regex} finds a match in:
     * {@code extractingLink("/reset\\?token=").startsWith("https://")}. Fails, listing the links, when none
     * matches.
     *
     * @param regex the expression, matched with {@link java.util.regex.Matcher#find()}
     * @return assertions on the URL
     */
    public AbstractStringAssert<?> extractingLink(String regex) {
        if (!check()) {
            return unchecked();
        }
        List<Link> links = actual.links();
        Pattern pattern = Pattern.compile(regex);
        for (Link link : links) {
            if (pattern.matcher(link.url()).find()) {
                return extracted(link.url(), "link matching /" + regex + "/");
            }
        }
        return notExtracted("expected a link matching /" + regex + "/ but " + Describe.links(links));
    }

    /**
     * Continues with assertions on what {@link ReceivedMessage#find(String)} finds: group 1 of the first match
     * in the text body, or in the HTML's visible text, e.g.
     * {@code extractingMatch("code: (\\d{6})").hasSize(6)}. Fails, showing the text it searched, when
     * nothing matches.
     *
     * @param regex the expression; with a group, group 1 is extracted, else the whole match
     * @return assertions on the match
     */
    public AbstractStringAssert<?> extractingMatch(String regex) {
        if (!check()) {
            return unchecked();
        }
        try {
            return extracted(actual.find(regex), "match of /" + regex + "/");
        } catch (NoSuchElementException nothing) {
            return notExtracted("expected a match for /" + regex + "/ but found none: "
                    + nothing.getMessage().substring(nothing.getMessage().indexOf(";") + 2));
        }
    }

    // ---- mail lint ---------------------------------------------------------------------------------------

    /**
     * Verifies that the message has none of the {@link Problem}s that make mail clients show it badly
     * ({@link ReceivedMessage#problems()}): required headers, encodings, line lengths, links and images
     * mail clients cannot follow, a text alternative, charsets. A failure lists every finding with its
     * reason.
     *
     * @return this
     * @see #isWellFormedIgnoring(Problem...)
     */
    public ReceivedMessageAssert isWellFormed() {
        return isWellFormedIgnoring();
    }

    /**
     * Verifies that the message is well formed, as {@link #isWellFormed()}, except for the kinds of problem
     * given: {@code isWellFormedIgnoring(Problem.MISSING_TEXT_ALTERNATIVE)}.
     *
     * @param ignored the problems not to check
     * @return this
     */
    public ReceivedMessageAssert isWellFormedIgnoring(Problem... ignored) {
        if (check()) {
            Set<Problem> skip = ignored.length == 0 ? EnumSet.noneOf(Problem.class) : EnumSet.copyOf(Arrays.asList(ignored));
            List<Finding> found = actual.problems().stream().filter(finding -> !skip.contains(finding.problem())).toList();
            if (!found.isEmpty()) {
                fail("expected a well-formed message but found " + found.size() + " problem"
                        + (found.size() == 1 ? "" : "s") + ":" + found.stream().map(finding -> "\n  - " + finding)
                                .collect(Collectors.joining()));
            }
        }
        return myself;
    }

    // ---- how it was sent ---------------------------------------------------------------------------------

    /**
     * Verifies that the message travelled over TLS (STARTTLS, RFC 3207, or SMTPS).
     *
     * @return this
     */
    public ReceivedMessageAssert wasSentWithTls() {
        if (check() && !actual.usedTls()) {
            fail("expected the message to be sent over TLS but it was sent in plain text");
        }
        return myself;
    }

    /**
     * Verifies who logged in with AUTH (RFC 4954) before sending the message.
     *
     * @param username the user name
     * @return this
     */
    public ReceivedMessageAssert wasAuthenticatedAs(String username) {
        if (check()) {
            String user = actual.authenticatedUser();
            if (user == null) {
                fail("expected the client to be authenticated as " + quote(username) + " but it did not authenticate");
            } else {
                expectEqual("authenticated user", username, user, username.equals(user));
            }
        }
        return myself;
    }

    /**
     * Verifies that MAIL FROM carried SMTPUTF8 (RFC 6531).
     *
     * @return this
     */
    public ReceivedMessageAssert wasSentWithSmtpUtf8() {
        if (check() && !actual.usedSmtpUtf8()) {
            fail("expected the message to be sent with SMTPUTF8 but MAIL FROM did not carry it");
        }
        return myself;
    }

    /**
     * Verifies that MAIL FROM carried BODY=8BITMIME (RFC 6152).
     *
     * @return this
     */
    public ReceivedMessageAssert wasSentWith8BitMime() {
        if (check()) {
            expectEqual("BODY type", "8BITMIME", actual.bodyType(), "8BITMIME".equals(actual.bodyType()));
        }
        return myself;
    }

    /**
     * Verifies the size of the message as stored, in bytes.
     *
     * @param bytes the size
     * @return this
     */
    public ReceivedMessageAssert hasSize(int bytes) {
        if (check()) {
            expectEqual("size", bytes, actual.size(), bytes == actual.size());
        }
        return myself;
    }

    /**
     * Verifies that the message is at most {@code bytes} long.
     *
     * @param bytes the largest size
     * @return this
     */
    public ReceivedMessageAssert hasSizeAtMost(int bytes) {
        if (check() && actual.size() > bytes) {
            fail("expected a size of at most " + bytes + " bytes but was " + actual.size() + " bytes");
        }
        return myself;
    }

    // ---- AssertJ's own checks, on a message ---------------------------------------------------------------

    @Override
    protected ReceivedMessageAssert satisfiesForProxy(Consumer<? super ReceivedMessage>[] requirements) {
        return check() ? super.satisfiesForProxy(requirements) : myself;
    }

    @Override
    public ReceivedMessageAssert matches(Predicate<? super ReceivedMessage> predicate) {
        return check() ? super.matches(predicate) : myself;
    }

    @Override
    public ReceivedMessageAssert matches(Predicate<? super ReceivedMessage> predicate, String predicateDescription) {
        return check() ? super.matches(predicate, predicateDescription) : myself;
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /**
     * Whether to check: false after a soft navigation failure; fails when there is no message at all. Every
     * check starts here, so this is where the message becomes examined.
     */
    private boolean check() {
        if (missing) {
            return false;
        }
        isNotNull();
        ExaminedMessages.markExamined(actual);
        return true;
    }

    /** The envelope recipients as mailboxes without names, for {@link #addresses}. */
    private static final Function<ReceivedMessage, List<MailAddress>> ENVELOPE = message ->
            message.envelopeRecipients().stream().map(address -> new MailAddress(address, null)).toList();

    private static Function<ReceivedMessage, List<MailAddress>> header(String name) {
        return message -> message.addresses(name);
    }

    /**
     * Compares a list of addresses with AssertJ's list assertion {@code comparison}, address by address with
     * {@link Describe#SAME_ADDRESS} (or, when the expected mailboxes have display names, mailbox by mailbox
     * with {@link Describe#SAME_MAILBOX}), and fails with AssertJ's explanation (what is missing, what is
     * unexpected), both lists as actual and expected for the IDE's diff, and the message's summary.
     */
    private ReceivedMessageAssert addresses(String field, Function<ReceivedMessage, List<MailAddress>> read,
            BiConsumer<ListAssert<String>, List<String>> comparison, String... expected) {
        if (check()) {
            boolean named = Describe.namesMailboxes(expected);
            // an ArrayList: AssertJ names the list's class in some messages ("Expecting ArrayList:")
            List<String> actualAddresses = new ArrayList<>();
            for (MailAddress mailbox : read.apply(actual)) {
                actualAddresses.add(named ? mailbox.toString() : mailbox.address());
            }
            List<String> expectedAddresses = named
                    ? Arrays.stream(expected).map(mailbox -> MailAddress.parse(mailbox).toString()).toList()
                    : Arrays.asList(expected);
            try {
                comparison.accept(new ListAssert<>(actualAddresses).as(field)
                        .usingElementComparator(named ? Describe.SAME_MAILBOX : Describe.SAME_ADDRESS), expectedAddresses);
            } catch (AssertionError mismatch) {
                failWithActualExpectedAndMessage(actualAddresses, expectedAddresses, "%s",
                        mismatch.getMessage().stripTrailing() + "\nin message " + actual);
            }
        }
        return myself;
    }

    private void containing(String what, String body, String... parts) {
        List<String> absent = Arrays.stream(parts).filter(part -> body == null || !body.contains(part)).toList();
        if (!absent.isEmpty()) {
            fail("expected " + what + " to contain " + absent.stream().map(Describe::quote)
                    .collect(Collectors.joining(", ")) + " but was " + shown(body));
        }
    }

    private Attachment attachment(String fileName) {
        List<Attachment> attachments = actual.attachments();
        Predicate<Attachment> named = a -> fileName.equals(a.fileName());
        Attachment found = attachments.stream().filter(named).findFirst().orElse(null);
        if (found == null) {
            fail("expected an attachment named " + quote(fileName) + " but "
                    + (attachments.isEmpty() ? "there are no attachments" : "the attachments were " + attachments));
        }
        return found;
    }

    private String headerBlock() {
        String raw = actual.rawContent();
        int end = raw.indexOf("\r\n\r\n");
        return "  " + (end < 0 ? raw : raw.substring(0, end)).replace("\r\n", "\n  ");
    }

    private void expectEqual(String what, Object expected, Object actualValue, boolean same) {
        if (!same) {
            failWithActualExpectedAndMessage(actualValue, expected, "%s", "expected " + what + " " + shown(expected)
                    + " but was " + shown(actualValue) + (expected instanceof String e && actualValue instanceof String a
                            ? Describe.firstDifference(e, a) : "") + "\nin message " + actual);
        }
    }

    /**
     * Compares text modulo line-break style and one trailing line break; a failure shows both as they are,
     * invisible characters visible, and gives the IDE the normalised texts that were compared.
     */
    private void expectSameText(String what, String expected, String actualText, String exactVariant) {
        String wanted = Describe.lineBreaksNormalised(expected);
        String was = Describe.lineBreaksNormalised(actualText);
        if (!Objects.equals(wanted, was)) {
            failWithActualExpectedAndMessage(was, wanted, "%s", "expected " + what + " " + shown(expected)
                    + " but was " + shown(actualText) + Describe.firstDifference(wanted, was)
                    + "\n(compared with CRLF, CR and LF alike and one trailing line break ignored; "
                    + exactVariant + " compares exactly)\nin message " + actual);
        }
    }

    /** Assertions on a value taken from the message: soft when this assertion is. */
    private AbstractStringAssert<?> extracted(String value, String what) {
        AbstractStringAssert<?> result = soft == null ? new StringAssert(value)
                : soft.proxy(StringAssert.class, String.class, value);
        return result.as("%s in message #%s", what, actual.sequence());
    }

    /**
     * Fails because there is nothing to extract. Softly, the failure is collected, and the assertions returned
     * check nothing: their failures would only repeat this one.
     */
    private AbstractStringAssert<?> notExtracted(String message) {
        AssertionError failure = failure("%s", message + "\nin message " + actual);
        if (soft == null) {
            throw failure;
        }
        soft.collectAssertionError(failure);
        return unchecked();
    }

    /** String assertions whose failures go nowhere, for a value that is not there. */
    private static AbstractStringAssert<?> unchecked() {
        return new SoftAssertions().assertThat((String) null);
    }

    private void fail(String message) {
        failWithMessage("%s", message + "\nin message " + actual);
    }

    private static String shown(Object value) {
        return value instanceof String || value == null ? Describe.visible((String) value, MAX_SHOWN) : String.valueOf(value);
    }
}
