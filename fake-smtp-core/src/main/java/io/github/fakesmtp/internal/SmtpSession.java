package io.github.fakesmtp.internal;

import io.github.fakesmtp.BareLineEndingPolicy;
import io.github.fakesmtp.Rejection;
import io.github.fakesmtp.SmtpCommand;
import io.github.fakesmtp.SmtpPhase;
import io.github.fakesmtp.SmtpReply;
import io.github.fakesmtp.TlsMode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One SMTP connection: the RFC 5321 state machine over bounded reads, run on its own thread.
 *
 * <p>Replies follow Postfix where the RFCs leave a choice. Every reply carries an enhanced status code
 * (RFC 2034, RFC 3463) except the greeting and the replies to EHLO and HELO, which RFC 2034 section 3
 * exempts, and the intermediate 354 and 334 replies, for which RFC 3463 defines no class.
 */
final class SmtpSession implements Runnable {

    private static final System.Logger LOG = System.getLogger(SmtpSession.class.getName());
    private static final String SYNTAX_ERROR = "5.5.4";
    private static final java.util.Set<String> KNOWN_VERBS = java.util.Set.of("EHLO", "HELO", "MAIL", "RCPT",
            "DATA", "BDAT", "RSET", "NOOP", "QUIT", "VRFY", "EXPN", "HELP", "STARTTLS", "AUTH");
    private static final String BAD_SEQUENCE = "5.5.1";

    private final ServerConfig config;
    private final SessionEvents events;
    private final FaultHook faults;
    private final Pauser pauser;
    private final Socket rawSocket;
    private final int connectionIndex;
    private final InetSocketAddress clientAddress;
    private final Transcript transcript;
    private final Runnable onEnd;
    private final MessageBytes.Collector collector = new MessageBytes.Collector();

    private SmtpInput input;
    private ReplyWriter out;
    private boolean closing;
    /** After a negative greeting other than 421, only QUIT is served (RFC 5321 section 3.1). */
    private boolean refusedAtGreeting;

    // The command being handled, for fault rules and the record of rejections.
    private SmtpPhase phase = SmtpPhase.CONNECT;
    private String argument = "";
    private String attemptedUser;

    // Session state (RFC 5321 section 4.1.4): reset by STARTTLS, partly by EHLO/HELO.
    private String heloName;
    private boolean esmtp;
    private boolean tls;
    private String authenticatedUser;
    private int messagesInConnection;

    // Mail transaction state (RFC 5321 section 3.3): reset by RSET, EHLO/HELO and after each message.
    private String sender;
    private final List<String> recipients = new ArrayList<>();
    private boolean smtpUtf8;
    private String bodyType;
    private boolean chunking;

    SmtpSession(ServerConfig config, SessionEvents events, FaultHook faults, Pauser pauser, Socket socket,
            int connectionIndex, Transcript transcript, Runnable onEnd) {
        this.config = config;
        this.events = events;
        this.faults = faults;
        this.pauser = pauser;
        this.rawSocket = socket;
        this.connectionIndex = connectionIndex;
        this.clientAddress = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.transcript = transcript;
        this.onEnd = onEnd;
    }

    /** Ends the connection at once, from another thread: unblocks any read or write. */
    void abort() {
        closeQuietly();
    }

    @Override
    public void run() {
        try {
            rawSocket.setTcpNoDelay(true);
            rawSocket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()));
            Socket socket = rawSocket;
            if (config.tlsMode() == TlsMode.SMTPS) {
                socket = startTls(rawSocket);
            }
            out = new ReplyWriter(socket.getOutputStream(), transcript);
            input = new SmtpInput(socket.getInputStream(), out);
            if (!applyFault(fault(SmtpPhase.CONNECT))) {
                out.reply(220, null, config.serverName() + " ESMTP fake-smtp");
            } else if (!closing) {
                refusedAtGreeting = true;
            }
            while (!closing) {
                String line;
                try {
                    line = input.readLine(ServerConfig.MAX_AUTH_LINE_OCTETS);
                } catch (SmtpInput.LineTooLongException e) {
                    transcript.client("<line over " + ServerConfig.MAX_AUTH_LINE_OCTETS + " octets>");
                    phase = SmtpPhase.OTHER;
                    argument = "";
                    reply(500, "5.5.2", "Error: line too long");
                    continue;
                }
                if (line == null) {
                    break;
                }
                handle(line);
                out.flushIfLarge();
            }
            out.flush();
        } catch (SocketTimeoutException idle) {
            // RFC 5321 section 4.5.3.2.7: a server may close an idle connection; 421 says why first.
            if (out == null) {
                return; // the implicit TLS handshake timed out: no SMTP was spoken, nothing to reply
            }
            try {
                phase = SmtpPhase.OTHER;
                argument = "";
                reply(421, "4.4.2", config.serverName() + " Error: timeout exceeded");
                out.flush();
            } catch (IOException | RuntimeException ignored) {
                // the client may be gone as well
            }
        } catch (IOException clientGoneOrServerClosing) {
            // Nothing to report: the connection is over, and any half-received message is discarded.
        } catch (RuntimeException bug) {
            // A fault in fake-smtp itself: the client hears 421 (RFC 5321 section 3.8), the developer a log
            // record, and the other connections go on.
            LOG.log(System.Logger.Level.WARNING, "fake-smtp connection " + connectionIndex + " failed", bug);
            try {
                out.reply(421, "4.3.0", config.serverName() + " Error: internal server error");
                out.flush();
            } catch (IOException | RuntimeException ignored) {
                // best effort
            }
        } finally {
            closeQuietly();
            onEnd.run();
        }
    }

    private void handle(String line) throws IOException {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String rest = space < 0 ? "" : line.substring(space + 1);
        boolean isAuth = verb.equals("AUTH");
        if (transcript != Transcript.OFF) {
            transcript.client(isAuth ? maskAuth(line) : looksLikeSaslResponse(line) ? "****" : line);
        }
        this.phase = phaseOf(verb);
        this.argument = isAuth ? words(rest)[0] : rest; // the mechanism only: never the secret
        this.attemptedUser = null;
        if (refusedAtGreeting && !verb.equals("QUIT")) {
            reply(503, BAD_SEQUENCE, "Error: no SMTP service here, send QUIT");
            return;
        }
        if (isAuth) {
            auth(rest);
            return;
        }
        if (octets(line) + 2 > ServerConfig.MAX_COMMAND_OCTETS) {
            // RFC 5321 section 4.5.3.1.4: command lines are at most 512 octets; 4.5.3.1.10: "500 Line too long".
            reply(500, "5.5.2", "Error: line too long");
            return;
        }
        if (phase != SmtpPhase.DATA && applyFault(fault(phase))) {
            return; // DATA applies its rules itself: one may read part of the message first
        }
        switch (verb) {
            case "EHLO" -> hello(rest, true);
            case "HELO" -> hello(rest, false);
            case "MAIL" -> mail(rest);
            case "RCPT" -> rcpt(rest);
            case "DATA" -> data(rest);
            case "BDAT" -> bdat(rest);
            case "RSET" -> rset(rest);
            case "NOOP" -> reply(250, "2.0.0", "Ok");
            case "QUIT" -> quit(rest);
            case "VRFY" -> vrfy(rest);
            case "EXPN" -> reply(502, "5.5.1", "Error: command not implemented");
            case "HELP" -> reply(214, "2.0.0",
                    "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH");
            case "STARTTLS" -> starttls(rest);
            case "" -> reply(500, "5.5.2", "Error: bad syntax");
            default -> reply(500, "5.5.2", "Error: command not recognized");
        }
    }

    /** RFC 5321 section 4.1.1.1; EHLO lists the extensions (section 4.1.1.1, RFC 1869). */
    private void hello(String argument, boolean extended) {
        String name = argument.trim();
        if (name.isEmpty()) {
            reply(501, null, "Syntax: " + (extended ? "EHLO" : "HELO") + " hostname");
            return;
        }
        resetTransaction(); // RFC 5321 section 4.1.4: EHLO/HELO in a transaction resets it
        heloName = name;
        esmtp = extended;
        if (!extended) {
            reply(250, null, config.serverName());
            return;
        }
        List<String> lines = new ArrayList<>(10);
        lines.add(config.serverName());
        lines.add("PIPELINING");
        lines.add("SIZE " + config.maxMessageSize());
        if (config.tlsMode() == TlsMode.STARTTLS && !tls) {
            lines.add("STARTTLS");
        }
        if (authAdvertised()) {
            lines.add("AUTH " + String.join(" ", config.credentials().mechanisms()));
        }
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("8BITMIME");
        lines.add("SMTPUTF8");
        lines.add("CHUNKING");
        out.reply(250, null, lines);
    }

    /** AUTH is offered only where it can succeed: configured, and over TLS when TLS is required. */
    private boolean authAdvertised() {
        return config.authOffered() && (tls || !config.requireTls());
    }

    /** RFC 5321 section 4.1.1.2, with SIZE (RFC 1870), BODY (RFC 6152) and SMTPUTF8 (RFC 6531). */
    private void mail(String argument) {
        if (heloName == null) {
            reply(503, BAD_SEQUENCE, "Error: send HELO/EHLO first");
            return;
        }
        if (sender != null) {
            reply(503, BAD_SEQUENCE, "Error: nested MAIL command");
            return;
        }
        if (config.requireTls() && !tls) {
            reply(530, "5.7.0", "Must issue a STARTTLS command first");
            return;
        }
        if (config.authRequired() && authenticatedUser == null) {
            reply(530, "5.7.0", "Authentication required"); // RFC 4954 section 6
            return;
        }
        if (!startsWithIgnoreCase(argument, "FROM:")) {
            reply(501, SYNTAX_ERROR, "Syntax: MAIL FROM:<address>");
            return;
        }
        MailPath path;
        try {
            path = MailPath.parse(argument.substring(5));
        } catch (MailPath.SyntaxException e) {
            reply(501, "5.1.7", "Bad sender address syntax");
            return;
        }
        String body = "7BIT";
        boolean utf8 = false;
        for (Map.Entry<String, String> parameter : path.parameters().entrySet()) {
            String value = parameter.getValue();
            switch (esmtp ? parameter.getKey() : "") {
                case "SIZE" -> {
                    if (!isSize(value)) {
                        reply(501, SYNTAX_ERROR, "Bad message size syntax");
                        return;
                    }
                    if (Long.parseLong(value) > config.maxMessageSize()) {
                        reply(552, "5.3.4", "Message size exceeds fixed limit"); // RFC 1870 section 6.1
                        return;
                    }
                }
                case "BODY" -> {
                    body = value.toUpperCase(Locale.ROOT);
                    if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
                        reply(501, SYNTAX_ERROR, "Bad BODY keyword syntax");
                        return;
                    }
                }
                case "SMTPUTF8" -> {
                    if (!value.isEmpty()) {
                        reply(501, SYNTAX_ERROR, "Bad SMTPUTF8 syntax");
                        return;
                    }
                    utf8 = true;
                }
                case "AUTH" -> {
                    // RFC 4954 section 5: the AUTH parameter may be ignored by a server that does not relay.
                }
                default -> {
                    reply(555, SYNTAX_ERROR, "Unsupported option: " + parameter.getKey());
                    return;
                }
            }
        }
        if (!utf8 && !path.isAscii()) {
            reply(553, "5.6.7", "Must declare SMTPUTF8 to send unicode address"); // RFC 6531 section 3.4
            return;
        }
        sender = path.address();
        bodyType = body;
        smtpUtf8 = utf8;
        reply(250, "2.1.0", "Ok");
    }

    /** RFC 5321 section 4.1.1.3. */
    private void rcpt(String argument) {
        if (sender == null) {
            reply(503, BAD_SEQUENCE, "Error: need MAIL command");
            return;
        }
        if (!startsWithIgnoreCase(argument, "TO:")) {
            reply(501, SYNTAX_ERROR, "Syntax: RCPT TO:<address>");
            return;
        }
        MailPath path;
        try {
            path = MailPath.parse(argument.substring(3));
        } catch (MailPath.SyntaxException e) {
            reply(501, "5.1.3", "Bad recipient address syntax");
            return;
        }
        if (path.isNull()) {
            reply(501, "5.1.3", "Bad recipient address syntax");
            return;
        }
        if (!path.parameters().isEmpty()) {
            reply(555, SYNTAX_ERROR, "Unsupported option: " + path.parameters().keySet().iterator().next());
            return;
        }
        if (!smtpUtf8 && !path.isAscii()) {
            reply(553, "5.6.7", "Must declare SMTPUTF8 to send unicode address"); // RFC 6531 section 3.4
            return;
        }
        if (recipients.size() >= config.maxRecipients()) {
            reply(452, "4.5.3", "Error: too many recipients"); // RFC 5321 section 4.5.3.1.10
            return;
        }
        recipients.add(path.address());
        reply(250, "2.1.5", "Ok");
    }

    /** RFC 5321 section 4.1.1.4. */
    private void data(String argument) throws IOException {
        if (!argument.isEmpty()) {
            reply(501, SYNTAX_ERROR, "Syntax: DATA");
            return;
        }
        if (chunking) {
            reply(503, BAD_SEQUENCE, "Error: BDAT transaction in progress"); // RFC 3030 section 2
            return;
        }
        if (sender == null) {
            reply(503, BAD_SEQUENCE, "Error: need MAIL command");
            return;
        }
        if (recipients.isEmpty()) {
            reply(503, BAD_SEQUENCE, "Error: need RCPT command");
            return;
        }
        FaultDecision fault = fault(SmtpPhase.DATA);
        if (fault != null && fault.kind() == FaultDecision.Kind.DISCONNECT_AFTER_BYTES) {
            out.reply(354, null, "End data with <CR><LF>.<CR><LF>");
            input.readChunk(fault.bytes(), null);
            disconnectByFault();
            return;
        }
        if (applyFault(fault)) {
            return;
        }
        out.reply(354, null, "End data with <CR><LF>.<CR><LF>");
        SmtpInput.DataOutcome data = input.readDotTerminated(
                collector, config.maxMessageSize(), ServerConfig.MAX_TEXT_LINE_OCTETS);
        if (!data.complete()) {
            collector.reset(); // RFC 5321 section 4.1.1.4: no complete data, no message
            closing = true;
            return;
        }
        transcript.note(data.size + " octets of message data");
        if (data.tooBig) {
            reply(552, "5.3.4", "Message size exceeds fixed limit"); // RFC 1870 section 6.3
            resetTransaction();
        } else if (data.lineTooLong) {
            reply(500, "5.5.2", "Error: message line longer than "
                    + ServerConfig.MAX_TEXT_LINE_OCTETS + " octets"); // RFC 5321 section 4.5.3.1.6
            resetTransaction();
        } else if (data.bareLineEndings() && config.bareLineEndings() == BareLineEndingPolicy.REJECT) {
            reply(521, "5.5.2", config.serverName() + " Error: bare <LF> received");
            resetTransaction();
            closing = true;
        } else if (!applyFault(fault(SmtpPhase.END_OF_DATA))) {
            accept(false, data.bareLineEndings());
        } else {
            resetTransaction(); // refused by a rule: nothing is captured
        }
    }

    /** RFC 3030 section 2: every chunk is read, even the ones that are refused. */
    private void bdat(String argument) throws IOException {
        String[] words = words(argument);
        boolean last = words.length == 2 && words[1].equalsIgnoreCase("LAST");
        if (words.length > 2 || (words.length == 2 && !last) || !isSize(words[0])) {
            reply(501, SYNTAX_ERROR, "Syntax: BDAT size [LAST]");
            return;
        }
        long size = Long.parseLong(words[0]);
        FaultDecision fault = fault(SmtpPhase.DATA);
        if (fault != null && fault.kind() != FaultDecision.Kind.REPLY) {
            input.readChunk(fault.kind() == FaultDecision.Kind.DISCONNECT_AFTER_BYTES ? Math.min(size, fault.bytes()) : 0, null);
            disconnectByFault();
            return;
        }
        if (fault != null) {
            if (input.readChunk(size, null)) { // RFC 3030 section 2: a refused chunk is still read
                applyFault(fault);
                resetTransaction();
            } else {
                closing = true;
            }
            return;
        }
        String refusal = sender == null ? "Error: need MAIL command"
                : recipients.isEmpty() ? "Error: need RCPT command" : null;
        boolean tooBig = refusal == null && collector.size() + size > config.maxMessageSize();
        if (refusal != null || tooBig) {
            if (tooBig) {
                collector.reset();
            }
            if (!input.readChunk(size, null)) {
                closing = true;
                return;
            }
            transcript.note(size + " octets of chunk data, discarded");
            if (tooBig) {
                reply(552, "5.3.4", "Message size exceeds fixed limit"); // RFC 3030 section 2, RFC 1870
                resetTransaction();
            } else {
                reply(503, BAD_SEQUENCE, refusal);
            }
            return;
        }
        chunking = true;
        if (!input.readChunk(size, collector)) {
            collector.reset();
            closing = true;
            return;
        }
        transcript.note(size + " octets of chunk data");
        if (last) {
            if (!applyFault(fault(SmtpPhase.END_OF_DATA))) {
                accept(true, false);
            } else {
                resetTransaction();
            }
        } else {
            reply(250, "2.0.0", "Ok: " + size + " octets received");
        }
    }

    /** Captures the message, then says 250: a message the client saw accepted is never lost. */
    private void accept(boolean chunked, boolean bareLineEndings) {
        messagesInConnection++;
        CapturedMessage message = new CapturedMessage(sender, List.copyOf(recipients), collector.finish(),
                heloName, authenticatedUser, tls, clientAddress, Instant.now(), connectionIndex,
                messagesInConnection, smtpUtf8, bodyType, bareLineEndings, chunked, transcript.lines());
        try {
            events.captured(message);
            reply(250, "2.0.0", "Ok: queued as " + connectionIndex + "." + messagesInConnection);
        } catch (RuntimeException listenerFailed) {
            // The test's own onMessage callback threw: RFC 5321 section 4.2.3, "451 local error in processing".
            messagesInConnection--;
            reply(451, "4.3.0", "Error: message listener failed: " + listenerFailed);
        }
        resetTransaction();
    }

    private void rset(String argument) {
        if (!argument.isBlank()) {
            reply(501, SYNTAX_ERROR, "Syntax: RSET");
            return;
        }
        resetTransaction();
        reply(250, "2.0.0", "Ok");
    }

    private void quit(String argument) {
        if (!argument.isBlank()) {
            reply(501, SYNTAX_ERROR, "Syntax: QUIT");
            return;
        }
        reply(221, "2.0.0", "Bye"); // RFC 5321 section 4.1.1.10: reply, then close
        closing = true;
    }

    /** RFC 5321 section 3.5.3: 252 when the server will not verify but will accept mail. */
    private void vrfy(String argument) {
        if (argument.isBlank()) {
            reply(501, SYNTAX_ERROR, "Syntax: VRFY address");
            return;
        }
        reply(252, "2.0.0", "Cannot VRFY user, but will accept message and attempt delivery");
    }

    /** RFC 3207 section 4: 220, then the handshake; all state is forgotten and EHLO must come again. */
    private void starttls(String argument) throws IOException {
        if (config.tlsMode() != TlsMode.STARTTLS) {
            reply(502, "5.5.1", "Error: command not implemented");
            return;
        }
        if (tls) {
            reply(554, "5.5.1", "Error: TLS already active");
            return;
        }
        if (!argument.isBlank()) {
            reply(501, SYNTAX_ERROR, "Syntax: STARTTLS");
            return;
        }
        reply(220, "2.0.0", "Ready to start TLS");
        out.flush();
        // RFC 3207 section 4.2 and CVE-2011-0411: commands pipelined after STARTTLS are discarded.
        input.discardBufferedInput();
        SSLSocket socket = startTls(rawSocket);
        out.replaceStream(socket.getOutputStream());
        input = new SmtpInput(socket.getInputStream(), out);
        heloName = null;
        esmtp = false;
        authenticatedUser = null;
        resetTransaction();
    }

    private SSLSocket startTls(Socket plain) throws IOException {
        SSLContext context = config.sslContext() != null ? config.sslContext() : BundledTls.serverContext();
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, clientAddress.getHostString(), plain.getPort(), true);
        socket.setUseClientMode(false);
        socket.startHandshake();
        tls = true;
        transcript.note("TLS " + socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite());
        return socket;
    }

    /** RFC 4954 section 4. */
    private void auth(String argument) throws IOException {
        if (!config.authOffered()) {
            reply(503, BAD_SEQUENCE, "Error: authentication not enabled");
            return;
        }
        if (!esmtp) {
            reply(503, BAD_SEQUENCE, "Error: send EHLO first");
            return;
        }
        if (authenticatedUser != null) {
            reply(503, BAD_SEQUENCE, "Error: already authenticated");
            return;
        }
        if (sender != null) {
            reply(503, BAD_SEQUENCE, "Error: MAIL transaction in progress");
            return;
        }
        if (config.requireTls() && !tls) {
            reply(538, "5.7.11", "Encryption required for requested authentication mechanism");
            return;
        }
        String[] words = words(argument);
        if (words[0].isEmpty() || words.length > 2) {
            reply(501, SYNTAX_ERROR, "Syntax: AUTH mechanism [initial-response]");
            return;
        }
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        if (!config.credentials().mechanisms().contains(mechanism)) {
            reply(504, "5.5.4", "Unrecognized authentication type");
            return;
        }
        SaslExchange exchange = new SaslExchange(config.credentials(), this::challenge, config.serverName());
        SaslExchange.Outcome outcome = exchange.run(mechanism, words.length == 2 ? words[1] : null);
        attemptedUser = exchange.attemptedUser();
        if ((outcome == SaslExchange.Outcome.SUCCESS || outcome == SaslExchange.Outcome.FAILED)
                && applyFault(fault(SmtpPhase.AUTH))) {
            return; // RFC 4954 rules see the credentials' user, so a rule can refuse one user only
        }
        switch (outcome) {
            case SUCCESS -> {
                authenticatedUser = exchange.user();
                reply(235, "2.7.0", "Authentication successful");
            }
            case FAILED -> reply(535, "5.7.8", "Authentication credentials invalid");
            case CANCELLED -> reply(501, "5.7.0", "Authentication aborted");
            case UNDECODABLE -> reply(501, "5.5.2", "Cannot decode response");
            case DISCONNECTED -> closing = true;
        }
    }

    private String challenge(String base64) throws IOException {
        out.reply(334, null, base64);
        String response;
        try {
            response = input.readLine(ServerConfig.MAX_AUTH_LINE_OCTETS);
        } catch (SmtpInput.LineTooLongException e) {
            response = "";
        }
        if (response != null) {
            transcript.client(response.equals("*") ? "*" : "****");
        }
        return response;
    }

    /** Sends a reply; a negative one is recorded as a rejection of the current command. */
    private void reply(int code, String enhanced, String text) {
        if (code >= 400) {
            events.refused(new Rejection(command(), SmtpReply.of(code, enhanced, text), false, Instant.now()));
        }
        out.reply(code, enhanced, text);
    }

    /** Asks the fault rules about the current command; waits out any delay they ask for. */
    private FaultDecision fault(SmtpPhase at) throws IOException {
        if (!faults.active()) {
            return null;
        }
        phase = at;
        FaultDecision decision = faults.decide(command());
        if (decision == null) {
            return null;
        }
        if (decision.delayNanos() > 0) {
            out.flush(); // replies already due must not be held back by the delay of a later one
            if (!pauser.pause(decision.delayNanos())) {
                throw new IOException("server closing");
            }
        }
        return decision.kind() == FaultDecision.Kind.DELAY ? null : decision;
    }

    /** Carries out a fault rule's reply or disconnect; false when there is none and the default goes on. */
    private boolean applyFault(FaultDecision fault) {
        if (fault == null) {
            return false;
        }
        if (fault.kind() != FaultDecision.Kind.REPLY) {
            disconnectByFault();
            return true;
        }
        SmtpReply reply = fault.reply();
        events.refused(new Rejection(command(), reply, true, Instant.now()));
        out.reply(reply.code(), reply.enhancedCode(), reply.lines());
        if (reply.code() == 421) {
            closing = true; // RFC 5321 section 3.8: 421 means the server closes the channel
        }
        return true;
    }

    private void disconnectByFault() {
        events.refused(new Rejection(command(), null, true, Instant.now()));
        transcript.note("connection dropped by fault rule");
        closing = true;
        closeQuietly(); // no reply, and no flush of anything still queued
    }

    /** The current command as rules and rejections see it. */
    private SmtpCommand command() {
        String address = null;
        if (phase == SmtpPhase.MAIL || phase == SmtpPhase.RCPT) {
            address = addressOf(argument, phase == SmtpPhase.MAIL ? "FROM:" : "TO:");
        } else if (phase == SmtpPhase.DATA || phase == SmtpPhase.END_OF_DATA) {
            address = sender;
        }
        String user = phase == SmtpPhase.AUTH ? attemptedUser : authenticatedUser;
        String shownArgument = phase == SmtpPhase.CONNECT || phase == SmtpPhase.END_OF_DATA ? "" : argument;
        return new SmtpCommand(phase, shownArgument, address, heloName, user, tls, connectionIndex);
    }

    private static String addressOf(String argument, String prefix) {
        if (!startsWithIgnoreCase(argument, prefix)) {
            return null;
        }
        try {
            return MailPath.parse(argument.substring(prefix.length())).address();
        } catch (MailPath.SyntaxException e) {
            return null;
        }
    }

    private static SmtpPhase phaseOf(String verb) {
        return switch (verb) {
            case "EHLO", "HELO" -> SmtpPhase.EHLO;
            case "STARTTLS" -> SmtpPhase.STARTTLS;
            case "AUTH" -> SmtpPhase.AUTH;
            case "MAIL" -> SmtpPhase.MAIL;
            case "RCPT" -> SmtpPhase.RCPT;
            case "DATA", "BDAT" -> SmtpPhase.DATA;
            case "RSET" -> SmtpPhase.RSET;
            case "QUIT" -> SmtpPhase.QUIT;
            default -> SmtpPhase.OTHER;
        };
    }

    private void resetTransaction() {
        sender = null;
        recipients.clear();
        smtpUtf8 = false;
        bodyType = null;
        chunking = false;
        collector.reset();
    }

    /**
     * A lone base64 token where a command should be: most likely a client sending its credentials after
     * AUTH was refused. Masked in the transcript like any AUTH secret.
     */
    private static boolean looksLikeSaslResponse(String line) {
        if (line.length() < 8 || KNOWN_VERBS.contains(line.toUpperCase(Locale.ROOT))) {
            return false;
        }
        boolean notAWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean upper = c >= 'A' && c <= 'Z';
            boolean other = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
            if (!upper && !other) {
                return false;
            }
            notAWord |= other;
        }
        return notAWord; // an upper-case word is an unknown command, shown as sent
    }

    private static String maskAuth(String line) {
        String[] words = words(line);
        return words.length > 2 ? words[0] + " " + words[1] + " ****" : line;
    }

    /** A decimal octet count as SIZE and BDAT take it: 1 to 18 digits, so it fits a long. */
    private static boolean isSize(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The space-separated words of an argument; no regular expression on the per-command path. */
    static String[] words(String argument) {
        String text = argument.trim();
        if (text.isEmpty()) {
            return new String[] {""};
        }
        List<String> words = new ArrayList<>(2);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf(' ', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                words.add(text.substring(start, end));
            }
            start = end + 1;
        }
        return words.toArray(new String[0]);
    }

    private static boolean startsWithIgnoreCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static int octets(String line) {
        int octets = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            octets += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return octets;
    }

    private void closeQuietly() {
        try {
            rawSocket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
