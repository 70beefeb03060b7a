package io.github.fakesmtp;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ready-made fault rules for the failures applications meet most, with the replies real servers give.
 * Install one with {@link FakeSmtpServer#inject(FaultRule)}; limit it with {@link FaultRule#times(int)}.
 *
 * <pre>{@code
 * smtp.inject(Faults.rejectRecipient("nobody@example.com"));
 * smtp.inject(Faults.serviceUnavailable().times(2));   // two refused connections, then service
 * }</pre>
 */
public final class Faults {

    private Faults() {
    }

    /**
     * RCPT for {@code address} gets {@code 550 5.1.1} user unknown (RFC 3463 "bad destination mailbox").
     *
     * @param address the refused recipient
     * @return the rule
     */
    public static FaultRule rejectRecipient(String address) {
        return FaultRule.on(SmtpPhase.RCPT).matching(address)
                .reply(550, "5.1.1", "<" + address + ">: Recipient address rejected: User unknown");
    }

    /**
     * RCPT for {@code address} gets {@code 452 4.2.2} mailbox full, a transient failure worth retrying.
     *
     * @param address the recipient whose mailbox is full
     * @return the rule
     */
    public static FaultRule mailboxFull(String address) {
        return FaultRule.on(SmtpPhase.RCPT).matching(address).reply(452, "4.2.2", "<" + address + ">: Mailbox full");
    }

    /**
     * The end of data gets {@code 552 5.2.2}: the message exceeds the recipient's storage, permanently.
     *
     * @return the rule
     */
    public static FaultRule mailboxFullPermanently() {
        return FaultRule.on(SmtpPhase.END_OF_DATA)
                .reply(552, "5.2.2", "Requested mail action aborted: exceeded storage allocation");
    }

    /**
     * Greylisting: the first RCPT for each recipient gets {@code 451 4.7.1}, a retry is accepted, as a
     * greylisting server accepts a sender that comes back. Each call returns a rule with its own memory.
     *
     * @return the rule
     */
    public static FaultRule greylisting() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        return FaultRule.on(SmtpPhase.RCPT)
                .when(command -> command.address() != null && seen.add(command.address().toLowerCase(Locale.ROOT)))
                .reply(451, "4.7.1", "Greylisted, please try again later");
    }

    /**
     * AUTH gets {@code 535 5.7.8} whatever the credentials (RFC 4954 section 6).
     *
     * @return the rule
     */
    public static FaultRule authenticationFailed() {
        return FaultRule.on(SmtpPhase.AUTH).reply(535, "5.7.8", "Authentication credentials invalid");
    }

    /**
     * AUTH gets {@code 454 4.7.0}, a temporary authentication failure (RFC 4954 section 6).
     *
     * @return the rule
     */
    public static FaultRule temporaryAuthenticationFailure() {
        return FaultRule.on(SmtpPhase.AUTH).reply(454, "4.7.0", "Temporary authentication failure");
    }

    /**
     * MAIL gets {@code 530 5.7.0} authentication required (RFC 4954 section 6), whether or not the client
     * logged in.
     *
     * @return the rule
     */
    public static FaultRule authenticationRequired() {
        return FaultRule.on(SmtpPhase.MAIL).reply(530, "5.7.0", "Authentication required");
    }

    /**
     * New connections get {@code 421 4.3.2} instead of the greeting and are closed (RFC 5321 section 3.8).
     *
     * @return the rule
     */
    public static FaultRule serviceUnavailable() {
        return FaultRule.on(SmtpPhase.CONNECT)
                .reply(421, "4.3.2", "Service not available, closing transmission channel");
    }

    /**
     * The end of data gets {@code 552 5.3.4}: message too big for the system (RFC 3463).
     *
     * @return the rule
     */
    public static FaultRule messageTooBig() {
        return FaultRule.on(SmtpPhase.END_OF_DATA).reply(552, "5.3.4", "Message size exceeds fixed limit");
    }

    /**
     * The connection drops after {@code bytes} octets of message data: a network failure mid-DATA.
     *
     * @param bytes how much of the message the server reads first
     * @return the rule
     */
    public static FaultRule disconnectDuringData(long bytes) {
        return FaultRule.on(SmtpPhase.DATA).disconnectAfterBytes(bytes);
    }

    /**
     * Every reply, the greeting included, comes after {@code delay}: a slow server, for client timeout tests.
     *
     * @param delay the wait before each reply
     * @return the rule
     */
    public static FaultRule slowServer(Duration delay) {
        return FaultRule.onEveryPhase().delay(delay);
    }
}
