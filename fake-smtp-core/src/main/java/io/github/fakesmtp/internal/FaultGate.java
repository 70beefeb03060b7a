package io.github.fakesmtp.internal;

import java.io.IOException;

/**
 * Where fault rules are applied: the one place that asks a server's rules about a command and carries out
 * what the first matching rule decides — a reply instead of the server's, a delay, a disconnect, or a
 * disconnect after some message data. A session passes through it at four named points: {@link #atConnect},
 * {@link #onCommand} (after the verb's preconditions hold; for AUTH once the credentials are in),
 * {@link #duringMessageData} (DATA before its 354, each BDAT before its chunk is stored) and
 * {@link #atEndOfData}. Which rules match is {@link FaultHook}'s business; what they do is this class's.
 */
final class FaultGate {

    /**
     * How a DATA or BDAT command takes in its message data, as far as a rule needs to know: a refused BDAT
     * chunk is still read (RFC 3030 section 2), and "disconnect after N bytes" reads N bytes first.
     */
    interface MessageData {
        /**
         * Reads and drops what the client sends along with a refused command: nothing for DATA, which has not
         * been answered 354, the whole chunk for BDAT.
         *
         * @return false when the client left meanwhile
         */
        boolean discardRefused() throws IOException;

        /** Accepts the data (354 for DATA), then reads and drops up to {@code octets} of it. */
        void acceptAndDrop(long octets) throws IOException;
    }

    private final FaultHook rules;
    private final Pauser pauser;
    private final Replies replies;
    private final SessionState session;
    private final Transaction transaction;

    FaultGate(FaultHook rules, Pauser pauser, Replies replies, SessionState session, Transaction transaction) {
        this.rules = rules;
        this.pauser = pauser;
        this.replies = replies;
        this.session = session;
        this.transaction = transaction;
    }

    /** Before the greeting; true when a rule replied or disconnected instead of the 220. */
    boolean atConnect() throws IOException {
        return apply(Command.CONNECT, null);
    }

    /** Before the server acts on {@code command}; true when a rule took the command over. */
    boolean onCommand(Command command) throws IOException {
        return apply(command, null);
    }

    /** Before DATA's 354, or before a BDAT chunk is stored; true when a rule took the command over. */
    boolean duringMessageData(Command command, MessageData data) throws IOException {
        return apply(command, data);
    }

    /** After the data, before the message is captured; true when a rule refused the message. */
    boolean atEndOfData(Command command) throws IOException {
        return apply(command.endOfData(), null);
    }

    /**
     * Finds the first matching rule, waits out its delay, and carries out its action.
     *
     * @param data the message data of a DATA or BDAT command, else null
     * @return false when no rule matched or a rule only delayed: the server then behaves as usual
     * @throws IOException when the server closes during a delay, or the connection fails
     */
    private boolean apply(Command command, MessageData data) throws IOException {
        if (!rules.active()) {
            return false; // no SmtpCommand is built for servers without rules
        }
        FaultDecision decision = rules.decide(command.facts(session, transaction));
        if (decision == null) {
            return false;
        }
        if (decision.delayNanos() > 0) {
            replies.flush(); // replies already due must not be held back by the delay of a later one
            if (!pauser.pause(decision.delayNanos())) {
                throw new IOException("server closing");
            }
        }
        switch (decision.kind()) {
            case DELAY -> {
                return false;
            }
            case REPLY -> {
                if (data != null && !data.discardRefused()) {
                    replies.closeAfterReplies(); // the client left in the middle of its chunk
                } else {
                    replies.send(command, decision.reply(), true);
                }
            }
            case DISCONNECT_AFTER_BYTES -> {
                if (data != null) {
                    data.acceptAndDrop(decision.bytes());
                }
                replies.dropConnection(command);
            }
            case DISCONNECT -> replies.dropConnection(command);
        }
        return true;
    }
}
