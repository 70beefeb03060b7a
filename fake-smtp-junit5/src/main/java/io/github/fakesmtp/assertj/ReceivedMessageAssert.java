package io.github.fakesmtp.assertj;

import static io.github.fakesmtp.assertj.Describe.quote;

import io.github.fakesmtp.Attachment;
import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.internal.report.ExaminedMessages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.ListAssert;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Assertions on one {@link ReceivedMessage}: its envelope, headers, bodies, attachments and how it was sent.
 * Create them with {@link FakeSmtpAssertions#assertThat(ReceivedMessage)} or by navigating from the server
 * assertions. Every failure names the message and shows the value it actually had.
 *
 * <p>For {@link io.github.fakesmtp.junit5.FakeSmtp#failOnUnexpectedMail()}, the message is examined when one
 * of these assertions runs on it, whether it passes or fails, including {@code satisfies(..)} and
 * {@code matches(..)}; creating the assertion object checks nothing and examines nothing.
 */
public class ReceivedMessageAssert extends AbstractAssert<ReceivedMessageAssert, ReceivedMessage> {

    private static final int MAX_SHOWN = 2000;

    /** True when navigation found no message and already collected that failure softly: then nothing is checked. */
    private boolean missing;

    /**
     * Creates the assertions; prefer {@link FakeSmtpAssertions#assertThat(ReceivedMessage)}.
     *
     * @param message the message
     */
    public ReceivedMessageAssert(ReceivedMessage message) {
        super(message, ReceivedMessageAssert.class);
    }

    static ReceivedMessageAssert of(ReceivedMessage message, SoftAssertionsProvider soft) {
        return soft == null ? new ReceivedMessageAssert(message)
                : soft.proxy(ReceivedMessageAssert.class, ReceivedMessage.class, message);
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
     * Verifies the envelope recipients exactly, in any order: the same addresses, each as often as given
     * (local parts exactly, domains in any case). A failure shows both lists, for the IDE's diff.
     *
     * @param recipients every expected address
     * @return this
     * @see #hasRecipientsInOrder(String...)
     * @see #containsRecipients(String...)
     */
    public ReceivedMessageAssert hasRecipients(String... recipients) {
        return addresses("envelope recipients", ReceivedMessage::envelopeRecipients,
                ListAssert::containsExactlyInAnyOrderElementsOf, recipients);
    }

    /**
     * Verifies the envelope recipients exactly and in the order of the RCPT TO commands.
     *
     * @param recipients every expected address, in order
     * @return this
     */
    public ReceivedMessageAssert hasRecipientsInOrder(String... recipients) {
        return addresses("envelope recipients", ReceivedMessage::envelopeRecipients,
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
        return addresses("envelope recipients", ReceivedMessage::envelopeRecipients, ListAssert::containsAll,
                recipients);
    }

    // ---- headers -----------------------------------------------------------------------------------------

    /**
     * Verifies the addresses of the From header exactly, in any order.
     *
     * @param addresses the addresses, without display names
     * @return this
     */
    public ReceivedMessageAssert hasFrom(String... addresses) {
        return addresses("From", ReceivedMessage::from, ListAssert::containsExactlyInAnyOrderElementsOf, addresses);
    }

    /**
     * Verifies the addresses of the To header exactly, in any order: the same addresses, each as often as
     * given.
     *
     * @param addresses the addresses, without display names
     * @return this
     * @see #containsTo(String...)
     */
    public ReceivedMessageAssert hasTo(String... addresses) {
        return addresses("To", ReceivedMessage::to, ListAssert::containsExactlyInAnyOrderElementsOf, addresses);
    }

    /**
     * Verifies that the To header includes every one of {@code addresses}; others may be there too.
     *
     * @param addresses some expected addresses, without display names
     * @return this
     */
    public ReceivedMessageAssert containsTo(String... addresses) {
        return addresses("To", ReceivedMessage::to, ListAssert::containsAll, addresses);
    }

    /**
     * Verifies the addresses of the Cc header exactly, in any order: the same addresses, each as often as
     * given.
     *
     * @param addresses the addresses, without display names
     * @return this
     * @see #containsCc(String...)
     */
    public ReceivedMessageAssert hasCc(String... addresses) {
        return addresses("Cc", ReceivedMessage::cc, ListAssert::containsExactlyInAnyOrderElementsOf, addresses);
    }

    /**
     * Verifies that the Cc header includes every one of {@code addresses}; others may be there too.
     *
     * @param addresses some expected addresses, without display names
     * @return this
     */
    public ReceivedMessageAssert containsCc(String... addresses) {
        return addresses("Cc", ReceivedMessage::cc, ListAssert::containsAll, addresses);
    }

    /**
     * Verifies the addresses of the Reply-To header exactly, in any order.
     *
     * @param addresses the addresses, without display names
     * @return this
     */
    public ReceivedMessageAssert hasReplyTo(String... addresses) {
        return addresses("Reply-To", ReceivedMessage::replyTo, ListAssert::containsExactlyInAnyOrderElementsOf,
                addresses);
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

    // ---- bodies ------------------------------------------------------------------------------------------

    /**
     * Verifies the text/plain body exactly.
     *
     * @param text the body
     * @return this
     */
    public ReceivedMessageAssert hasTextBody(String text) {
        if (check()) {
            String body = actual.textBody();
            expectEqual("text body", text, body, Objects.equals(text, body));
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
            if (attachment != null && !Arrays.equals(content, attachment.content())) {
                fail("expected attachment " + quote(fileName) + " to have " + content.length
                        + " bytes of expected content but it has " + attachment.size() + " other bytes");
            }
        }
        return myself;
    }

    /**
     * Verifies the content of a text attachment with this file name, decoded as UTF-8.
     *
     * @param fileName the name
     * @param content the expected text
     * @return this
     */
    public ReceivedMessageAssert hasAttachmentWithContent(String fileName, String content) {
        if (check()) {
            Attachment attachment = attachment(fileName);
            if (attachment != null) {
                String text = new String(attachment.content(), StandardCharsets.UTF_8);
                expectEqual("content of attachment " + fileName, content, text, content.equals(text));
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

    /**
     * Compares a list of addresses with AssertJ's list assertion {@code comparison}, address by address with
     * {@link Describe#SAME_ADDRESS}, and fails with AssertJ's explanation (what is missing, what is
     * unexpected), both lists as actual and expected for the IDE's diff, and the message's summary.
     */
    private ReceivedMessageAssert addresses(String field, Function<ReceivedMessage, List<String>> read,
            BiConsumer<ListAssert<String>, List<String>> comparison, String... expected) {
        if (check()) {
            // an ArrayList: AssertJ names the list's class in some messages ("Expecting ArrayList:")
            List<String> actualAddresses = new ArrayList<>(read.apply(actual));
            List<String> expectedAddresses = Arrays.asList(expected);
            try {
                comparison.accept(new ListAssert<>(actualAddresses).as(field).usingElementComparator(Describe.SAME_ADDRESS),
                        expectedAddresses);
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
                    + " but was " + shown(actualValue) + "\nin message " + actual);
        }
    }

    private void fail(String message) {
        failWithMessage("%s", message + "\nin message " + actual);
    }

    private static String shown(Object value) {
        if (value instanceof String text && text.length() > MAX_SHOWN) {
            return quote(text.substring(0, MAX_SHOWN) + "…(" + (text.length() - MAX_SHOWN) + " more characters)");
        }
        return value instanceof String || value == null ? quote(value) : String.valueOf(value);
    }
}
