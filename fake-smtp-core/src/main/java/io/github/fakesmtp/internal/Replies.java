package io.github.fakesmtp.internal;

import io.github.fakesmtp.Rejection;
import io.github.fakesmtp.SmtpReply;
import java.io.IOException;
import java.net.Socket;
import java.time.Instant;
import java.util.List;

/**
 * What one session says to its client, and how it ends the connection: every negative reply is recorded as
 * a rejection of the {@link Command} it answers, before the client sees it; a 421 closes the connection
 * (RFC 5321 section 3.8).
 */
final class Replies {

    private final ReplyWriter out;
    private final SessionEvents events;
    private final Transcript transcript;
    private final Socket socket;
    private final SessionState session;
    private final Transaction transaction;
    private boolean closing;

    Replies(ReplyWriter out, SessionEvents events, Transcript transcript, Socket socket, SessionState session,
            Transaction transaction) {
        this.out = out;
        this.events = events;
        this.transcript = transcript;
        this.socket = socket;
        this.session = session;
        this.transaction = transaction;
    }

    /** A one-line reply; {@code enhancedCode} is null where RFC 2034 section 3 has none (greeting, EHLO, 354). */
    void send(Command command, int code, String enhancedCode, String text) {
        if (code >= 400) {
            record(command, SmtpReply.of(code, enhancedCode, text), false);
        }
        out.reply(code, enhancedCode, text);
        closeIfServiceEnds(code);
    }

    /** A positive multi-line reply, such as the extensions EHLO lists. */
    void send(int code, List<String> lines) {
        out.reply(code, null, lines);
    }

    /** A reply decided elsewhere: a precondition's refusal, or with {@code injected} a fault rule's reply. */
    void send(Command command, SmtpReply reply, boolean injected) {
        record(command, reply, injected);
        out.reply(reply.code(), reply.enhancedCode(), reply.lines());
        closeIfServiceEnds(reply.code());
    }

    /** A fault rule ends the connection: no reply, and nothing still queued is sent. */
    void dropConnection(Command command) {
        events.refused(new Rejection(command.facts(session, transaction), null, true, Instant.now()));
        transcript.note("connection dropped by fault rule");
        closing = true;
        closeNow();
    }

    /** Ends the session once the replies so far are sent: after QUIT, or when the client left. */
    void closeAfterReplies() {
        closing = true;
    }

    /** Whether the session is ending: no further command is read. */
    boolean closing() {
        return closing;
    }

    /** Sends what is queued: before a wait, and before the connection changes hands (STARTTLS). */
    void flush() throws IOException {
        out.flush();
    }

    /** Closes the socket under any read or write, from any thread; safe to call more than once. */
    void closeNow() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }

    private void record(Command command, SmtpReply reply, boolean injected) {
        events.refused(new Rejection(command.facts(session, transaction), reply, injected, Instant.now()));
    }

    /** RFC 5321 section 3.8: 421 means the server closes the transmission channel. */
    private void closeIfServiceEnds(int code) {
        if (code == 421) {
            closing = true;
        }
    }
}
