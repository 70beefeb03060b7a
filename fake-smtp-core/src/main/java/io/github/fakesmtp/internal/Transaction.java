package io.github.fakesmtp.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One mail transaction (RFC 5321 section 3.3): the envelope from MAIL on, and the message data collected so
 * far. {@link #reset()} ends it: RSET, EHLO/HELO and STARTTLS do, and so does the end of every message,
 * accepted or not (RFC 5321 sections 4.1.1.5 and 4.1.4).
 */
final class Transaction {

    private final List<String> recipients = new ArrayList<>();
    private final MessageBytes.Collector data = new MessageBytes.Collector();
    private String sender;
    private boolean smtpUtf8;
    private String bodyType;
    private boolean chunking;

    /** MAIL was accepted: the transaction begins. */
    void start(String sender, String bodyType, boolean smtpUtf8) {
        this.sender = sender;
        this.bodyType = bodyType;
        this.smtpUtf8 = smtpUtf8;
    }

    void addRecipient(String address) {
        recipients.add(address);
    }

    /** RFC 3030 section 2: the message comes in BDAT chunks, so DATA may not follow. */
    void startChunking() {
        chunking = true;
    }

    /** Forgets the envelope and any data: no transaction is in progress afterwards. */
    void reset() {
        sender = null;
        recipients.clear();
        smtpUtf8 = false;
        bodyType = null;
        chunking = false;
        data.reset();
    }

    boolean started() {
        return sender != null;
    }

    boolean hasRecipients() {
        return !recipients.isEmpty();
    }

    /** The reverse-path, empty for {@code <>}; null before MAIL. */
    String sender() {
        return sender;
    }

    /** The forward-paths so far, in RCPT order. */
    List<String> recipients() {
        return recipients;
    }

    boolean smtpUtf8() {
        return smtpUtf8;
    }

    String bodyType() {
        return bodyType;
    }

    boolean chunking() {
        return chunking;
    }

    /** Where the message data goes as it is read. */
    MessageBytes.Collector data() {
        return data;
    }
}
