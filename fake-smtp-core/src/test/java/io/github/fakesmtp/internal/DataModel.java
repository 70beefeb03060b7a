package io.github.fakesmtp.internal;

import java.io.ByteArrayOutputStream;

/**
 * A deliberately plain model of DATA reading (RFC 5321 sections 4.1.1.4 and 4.5.2), one byte at a time over
 * the whole input: what {@link SmtpInput#readDotTerminated} must produce however the bytes arrive.
 *
 * <p>Only {@code CRLF.CRLF} ends the data (the start of the data counts as just after a CRLF); a dot that
 * starts a line is removed; a line may be at most {@code maxLine} octets, counting its line ending but not a
 * removed dot, where a bare LF ends a line for this count as it does for Postfix.
 */
final class DataModel {

    boolean complete;
    /** Index just after the terminating {@code .CRLF}, when complete. */
    int end;
    byte[] content;
    boolean bareLf;
    boolean bareCr;
    boolean lineTooLong;

    static DataModel of(byte[] wire, int maxLine) {
        DataModel model = new DataModel();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        boolean lineStart = true;
        boolean lastWasCr = false;
        int lineOctets = 0;
        int i = 0;
        while (true) {
            if (lineStart) {
                if (i >= wire.length) {
                    break;
                }
                if (wire[i] == '.') {
                    if (wire.length - i < 3) {
                        break;
                    }
                    if (wire[i + 1] == '\r' && wire[i + 2] == '\n') {
                        model.complete = true;
                        model.end = i + 3;
                        break;
                    }
                    i++; // stuffing: neither kept nor counted (RFC 5321 section 4.5.3.1.6)
                }
                lineStart = false;
            }
            if (i >= wire.length) {
                break;
            }
            byte b = wire[i++];
            content.write(b);
            lineOctets++;
            if (b == '\n') {
                model.lineTooLong |= lineOctets > maxLine;
                lineOctets = 0;
                if (lastWasCr) {
                    lineStart = true;
                } else {
                    model.bareLf = true;
                }
            } else if (lastWasCr) {
                model.bareCr = true;
            }
            lastWasCr = b == '\r';
        }
        model.content = content.toByteArray();
        return model;
    }
}
