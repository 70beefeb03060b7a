package io.github.fakesmtp.internal;

import io.github.fakesmtp.BareLineEndingPolicy;
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
 * One SMTP connection: the RFC 5321 state machine over bounded reads, run on its own thread, often the one
 * that accepted it ({@link AcceptHandOff} says when that thread lets another accept). Each command
 * goes through the same steps: its {@link Verb}'s {@link Precondition}s, then the {@link FaultGate}, then
 * the verb's handler below, which replies through {@link Replies}.
 *
 * <p>Replies follow Postfix where the RFCs leave a choice. Every reply carries an enhanced status code
 * (RFC 2034, RFC 3463) except the greeting and the replies to EHLO and HELO, which RFC 2034 section 3
 * exempts, and the intermediate 354 and 334 replies, for which RFC 3463 defines no class.
 */
final class SmtpSession implements Runnable {

    private static final System.Logger LOG = System.getLogger(SmtpSession.class.getName());
    private static final String SYNTAX_ERROR = "5.5.4";

    private final ServerConfig config;
    private final SessionEvents events;
    private final FaultHook rules;
    private final Pauser pauser;
    private final Socket rawSocket;
    private final Transcript transcript;
    private final AcceptHandOff handOff;
    private final Runnable onEnd;
    private final SessionState session;
    private final Transaction transaction = new Transaction();

    private SmtpInput input;
    private ReplyWriter out;
    private Replies replies;
    private FaultGate faults;

    SmtpSession(ServerConfig config, SessionEvents events, FaultHook rules, Pauser pauser, Socket socket,
            int connectionIndex, Transcript transcript, AcceptHandOff handOff, Runnable onEnd) {
        this.config = config;
        this.events = events;
        this.rules = handOff.rules(rules);
        this.pauser = pauser;
        this.rawSocket = socket;
        this.session = new SessionState(connectionIndex, (InetSocketAddress) socket.getRemoteSocketAddress());
        this.transcript = transcript;
        this.handOff = handOff;
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
            rawSocket.setSoTimeout(config.idleTimeoutMillis());
            if (config.tlsMode() == TlsMode.SMTPS) {
                SSLSocket socket = startTls(rawSocket);
                out = new ReplyWriter(socket.getOutputStream(), transcript);
                input = new SmtpInput(socket.getInputStream(), out, config.idleTimeout());
            } else {
                out = new ReplyWriter(handOff.output(rawSocket.getOutputStream()), transcript);
                input = new SmtpInput(handOff.input(rawSocket.getInputStream()), out, config.idleTimeout());
            }
            replies = new Replies(out, events, transcript, rawSocket, session, transaction);
            faults = new FaultGate(rules, pauser, replies, session, transaction);
            greet();
            while (!replies.closing()) {
                String line;
                try {
                    line = input.readCommand();
                } catch (SmtpInput.LineTooLongException e) {
                    // RFC 5321 section 4.5.3.1.10: "500 Line too long", as soon as it is; the rest is dropped.
                    transcript.client("<line over " + e.limit() + " octets>");
                    replies.send(Command.UNREADABLE, 500, "5.5.2", "Error: line too long");
                    continue;
                }
                if (line == null) {
                    break;
                }
                handle(line);
                out.flushIfLarge();
            }
            out.flush();
        } catch (SmtpInput.EndlessLineException endless) {
            // The rest of an over-long line went on past its bound: not a client worth waiting for.
            closeWith(421, "4.7.0", config.serverName() + " Error: line too long and without end, closing connection");
        } catch (SocketTimeoutException idle) {
            // RFC 5321 section 4.5.3.2.7: a server may close an idle connection; 421 says why first.
            closeWith(421, "4.4.2", config.serverName() + " Error: timeout exceeded");
        } catch (IOException clientGoneOrServerClosing) {
            // Nothing to report: the connection is over, and any half-received message is discarded.
        } catch (RuntimeException bug) {
            // A fault in fake-smtp itself: the client hears 421 (RFC 5321 section 3.8), the developer a log
            // record, and the other connections go on.
            LOG.log(System.Logger.Level.WARNING, "fake-smtp connection " + session.connectionIndex() + " failed", bug);
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

    /** RFC 5321 section 3.1: 220, unless a rule answers the connection instead. */
    private void greet() throws IOException {
        if (!faults.atConnect()) {
            out.reply(220, null, config.serverName() + " ESMTP fake-smtp");
        } else if (!replies.closing()) {
            session.refuseService();
        }
    }

    /** The server ends the session on its own: one last reply, then close. */
    private void closeWith(int code, String enhancedCode, String text) {
        if (replies == null) {
            return; // the implicit TLS handshake failed: no SMTP was spoken, nothing to reply
        }
        try {
            replies.send(Command.UNREADABLE, code, enhancedCode, text);
            out.flush();
        } catch (IOException | RuntimeException ignored) {
            // the client may be gone as well
        }
    }

    /** One command: its preconditions, the fault rules, then its handler. */
    private void handle(String line) throws IOException {
        Command command = Command.parse(line);
        Verb verb = command.verb();
        if (transcript != Transcript.OFF) {
            transcript.client(verb == Verb.AUTH ? maskAuth(line) : looksLikeSaslResponse(line) ? "****" : line);
        }
        SmtpReply refusal = Precondition.firstUnmet(verb, config, session, transaction);
        if (refusal != null && verb != Verb.BDAT) { // a refused chunk must still be read: BDAT refuses itself
            replies.send(command, refusal, false);
            return;
        }
        // AUTH, DATA and BDAT pass the fault gate at their own point: AUTH once the credentials are in, DATA
        // before its 354, BDAT before its chunk is stored.
        if (verb.phase() != SmtpPhase.AUTH && verb.phase() != SmtpPhase.DATA && faults.onCommand(command)) {
            return;
        }
        switch (verb) {
            case EHLO -> hello(command, true);
            case HELO -> hello(command, false);
            case STARTTLS -> starttls(command);
            case AUTH -> auth(command);
            case MAIL -> mail(command);
            case RCPT -> rcpt(command);
            case DATA -> data(command);
            case BDAT -> bdat(command, refusal);
            case RSET -> rset(command);
            case NOOP -> replies.send(command, 250, "2.0.0", "Ok");
            case QUIT -> quit(command);
            case VRFY -> vrfy(command);
            case HELP -> replies.send(command, 214, "2.0.0", Verb.help(command.argument(), config, session));
            case EXPN -> replies.send(command, 502, "5.5.1", "Error: command not implemented");
            case UNKNOWN -> replies.send(command, 500, "5.5.2",
                    line.isEmpty() || line.charAt(0) == ' ' ? "Error: bad syntax" : "Error: command not recognized");
        }
    }

    /** RFC 5321 section 4.1.1.1; EHLO lists the extensions (section 4.1.1.1, RFC 1869). */
    private void hello(Command command, boolean extended) {
        String name = command.argument().trim();
        if (name.isEmpty()) {
            replies.send(command, 501, null, command.verb().usage());
            return;
        }
        transaction.reset(); // RFC 5321 section 4.1.4: EHLO/HELO in a transaction resets it
        session.hello(name, extended);
        if (!extended) {
            replies.send(command, 250, null, config.serverName());
            return;
        }
        List<String> lines = new ArrayList<>(10);
        lines.add(config.serverName());
        lines.add("PIPELINING");
        lines.add("SIZE " + config.maxMessageSize());
        if (Verb.STARTTLS.isOffered(config, session)) {
            lines.add("STARTTLS");
        }
        if (Verb.AUTH.isOffered(config, session)) {
            lines.add("AUTH " + String.join(" ", config.credentials().mechanisms()));
        }
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("8BITMIME");
        lines.add("SMTPUTF8");
        lines.add("CHUNKING");
        replies.send(250, lines);
    }

    /** RFC 5321 section 4.1.1.2, with SIZE (RFC 1870), BODY (RFC 6152) and SMTPUTF8 (RFC 6531). */
    private void mail(Command command) {
        String argument = command.argument();
        if (!MailPath.hasKeyword(argument, "FROM:")) {
            replies.send(command, 501, SYNTAX_ERROR, command.verb().usage());
            return;
        }
        MailPath path;
        try {
            path = MailPath.parse(argument.substring(5));
        } catch (MailPath.SyntaxException e) {
            replies.send(command, 501, "5.1.7", "Bad sender address syntax");
            return;
        }
        String body = "7BIT";
        boolean utf8 = false;
        for (Map.Entry<String, String> parameter : path.parameters().entrySet()) {
            String value = parameter.getValue();
            switch (session.esmtp() ? parameter.getKey() : "") {
                case "SIZE" -> {
                    if (!isSize(value)) {
                        replies.send(command, 501, SYNTAX_ERROR, "Bad message size syntax");
                        return;
                    }
                    if (Long.parseLong(value) > config.maxMessageSize()) {
                        replies.send(command, 552, "5.3.4", "Message size exceeds fixed limit"); // RFC 1870 section 6.1
                        return;
                    }
                }
                case "BODY" -> {
                    body = value.toUpperCase(Locale.ROOT);
                    if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
                        replies.send(command, 501, SYNTAX_ERROR, "Bad BODY keyword syntax");
                        return;
                    }
                }
                case "SMTPUTF8" -> {
                    if (!value.isEmpty()) {
                        replies.send(command, 501, SYNTAX_ERROR, "Bad SMTPUTF8 syntax");
                        return;
                    }
                    utf8 = true;
                }
                case "AUTH" -> {
                    // RFC 4954 section 5: the AUTH parameter may be ignored by a server that does not relay.
                }
                default -> {
                    replies.send(command, 555, SYNTAX_ERROR, "Unsupported option: " + parameter.getKey());
                    return;
                }
            }
        }
        if (!utf8 && !path.isAscii()) {
            replies.send(command, 553, "5.6.7", "Must declare SMTPUTF8 to send unicode address"); // RFC 6531 section 3.4
            return;
        }
        transaction.start(path.address(), body, utf8);
        replies.send(command, 250, "2.1.0", "Ok");
    }

    /** RFC 5321 section 4.1.1.3. */
    private void rcpt(Command command) {
        String argument = command.argument();
        if (!MailPath.hasKeyword(argument, "TO:")) {
            replies.send(command, 501, SYNTAX_ERROR, command.verb().usage());
            return;
        }
        MailPath path;
        try {
            path = MailPath.parse(argument.substring(3));
        } catch (MailPath.SyntaxException e) {
            replies.send(command, 501, "5.1.3", "Bad recipient address syntax");
            return;
        }
        if (path.isNull()) {
            replies.send(command, 501, "5.1.3", "Bad recipient address syntax");
            return;
        }
        if (!path.parameters().isEmpty()) {
            replies.send(command, 555, SYNTAX_ERROR, "Unsupported option: " + path.parameters().keySet().iterator().next());
            return;
        }
        if (!transaction.smtpUtf8() && !path.isAscii()) {
            replies.send(command, 553, "5.6.7", "Must declare SMTPUTF8 to send unicode address"); // RFC 6531 section 3.4
            return;
        }
        if (transaction.recipients().size() >= config.maxRecipients()) {
            replies.send(command, 452, "4.5.3", "Error: too many recipients"); // RFC 5321 section 4.5.3.1.10
            return;
        }
        transaction.addRecipient(path.address());
        replies.send(command, 250, "2.1.5", "Ok");
    }

    /** RFC 5321 section 4.1.1.4: 354, then the data up to the dot, then the end of data. */
    private void data(Command command) throws IOException {
        if (!command.argument().isEmpty()) {
            replies.send(command, 501, SYNTAX_ERROR, command.verb().usage());
            return;
        }
        if (faults.duringMessageData(command, new FaultGate.MessageData() {
            @Override
            public boolean discardRefused() {
                return true; // no 354 yet, so the client sends no data
            }

            @Override
            public void acceptAndDrop(long octets) throws IOException {
                send354(command);
                input.readChunk(octets, null);
            }
        })) {
            return;
        }
        send354(command);
        SmtpInput.DataOutcome data = input.readDotTerminated(
                transaction.data(), config.maxMessageSize(), ServerConfig.MAX_TEXT_LINE_OCTETS);
        if (!data.complete()) {
            transaction.reset(); // RFC 5321 section 4.1.1.4: no complete data, no message
            replies.closeAfterReplies();
            return;
        }
        transcript.note(data.size + " octets of message data");
        if (data.tooBig) {
            replies.send(command, 552, "5.3.4", "Message size exceeds fixed limit"); // RFC 1870 section 6.3
            transaction.reset();
        } else if (data.lineTooLong) {
            replies.send(command, 500, "5.5.2", "Error: message line longer than "
                    + ServerConfig.MAX_TEXT_LINE_OCTETS + " octets"); // RFC 5321 section 4.5.3.1.6
            transaction.reset();
        } else if (data.bareLineEndings() && config.bareLineEndings() == BareLineEndingPolicy.REJECT) {
            replies.send(command, 521, "5.5.2", config.serverName() + " Error: bare <LF> received");
            transaction.reset();
            replies.closeAfterReplies();
        } else {
            endOfData(command, false, data.bareLineEndings());
        }
    }

    private void send354(Command command) {
        replies.send(command, 354, null, "End data with <CR><LF>.<CR><LF>");
    }

    /**
     * RFC 3030 section 2: every chunk whose size was given is read, even the ones that are refused.
     *
     * @param refusal the reply of the first precondition that does not hold, or null
     */
    private void bdat(Command command, SmtpReply refusal) throws IOException {
        String[] words = Command.words(command.argument());
        boolean last = words.length == 2 && words[1].equalsIgnoreCase("LAST");
        if (words.length > 2 || (words.length == 2 && !last) || !isSize(words[0])) {
            replies.send(command, 501, SYNTAX_ERROR, command.verb().usage());
            return;
        }
        long size = Long.parseLong(words[0]);
        if (refusal != null) {
            if (discardChunk(size)) {
                replies.send(command, refusal, false);
            }
            return;
        }
        if (faults.duringMessageData(command, new FaultGate.MessageData() {
            @Override
            public boolean discardRefused() throws IOException {
                return input.readChunk(size, null);
            }

            @Override
            public void acceptAndDrop(long octets) throws IOException {
                input.readChunk(Math.min(size, octets), null);
            }
        })) {
            transaction.reset(); // what came before the refused chunk is no message any more
            return;
        }
        if (transaction.data().size() + size > config.maxMessageSize()) {
            transaction.data().reset();
            if (discardChunk(size)) {
                replies.send(command, 552, "5.3.4", "Message size exceeds fixed limit"); // RFC 3030 section 2, RFC 1870
                transaction.reset();
            }
            return;
        }
        transaction.startChunking();
        if (!input.readChunk(size, transaction.data())) {
            transaction.reset();
            replies.closeAfterReplies();
            return;
        }
        transcript.note(size + " octets of chunk data");
        if (last) {
            endOfData(command, true, false);
        } else {
            replies.send(command, 250, "2.0.0", "Ok: " + size + " octets received");
        }
    }

    /** Reads a refused chunk and drops it; false when the client left before it was complete. */
    private boolean discardChunk(long size) throws IOException {
        if (!input.readChunk(size, null)) {
            replies.closeAfterReplies();
            return false;
        }
        transcript.note(size + " octets of chunk data, discarded");
        return true;
    }

    /**
     * The end of DATA or of BDAT LAST: the end-of-data rules, then the message is captured and the client
     * told 250, or refused and nothing is captured. Either way the transaction is over.
     */
    private void endOfData(Command command, boolean chunked, boolean bareLineEndings) throws IOException {
        if (!faults.atEndOfData(command)) {
            accept(command, chunked, bareLineEndings);
        }
        transaction.reset();
    }

    /** Captures the message, then says 250: a message the client saw accepted is never lost. */
    private void accept(Command command, boolean chunked, boolean bareLineEndings) {
        int index = session.messagesAccepted() + 1;
        CapturedMessage message = new CapturedMessage(transaction.sender(), List.copyOf(transaction.recipients()),
                transaction.data().finish(), session.heloName(), session.authenticatedUser(), session.tls(),
                session.clientAddress(), Instant.now(), session.connectionIndex(), index, transaction.smtpUtf8(),
                transaction.bodyType(), bareLineEndings, chunked, transcript.lines());
        Command endOfData = command.endOfData();
        try {
            events.captured(message);
        } catch (RuntimeException listenerFailed) {
            // The test's own onMessage callback threw: RFC 5321 section 4.2.3, "451 local error in processing".
            replies.send(endOfData, 451, "4.3.0", "Error: message listener failed: " + listenerFailed);
            return;
        }
        session.messageAccepted();
        replies.send(endOfData, 250, "2.0.0", "Ok: queued as " + session.connectionIndex() + "." + index);
    }

    private void rset(Command command) {
        if (!command.argument().isBlank()) {
            replies.send(command, 501, SYNTAX_ERROR, command.verb().usage());
            return;
        }
        transaction.reset(); // RFC 5321 section 4.1.1.5
        replies.send(command, 250, "2.0.0", "Ok");
    }

    private void quit(Command command) {
        if (!command.argument().isBlank()) {
            replies.send(command, 501, SYNTAX_ERROR, command.verb().usage());
            return;
        }
        replies.send(command, 221, "2.0.0", "Bye"); // RFC 5321 section 4.1.1.10: reply, then close
        replies.closeAfterReplies();
    }

    /** RFC 5321 section 3.5.3: 252 when the server will not verify but will accept mail. */
    private void vrfy(Command command) {
        if (command.argument().isBlank()) {
            replies.send(command, 501, SYNTAX_ERROR, command.verb().usage());
            return;
        }
        replies.send(command, 252, "2.0.0", "Cannot VRFY user, but will accept message and attempt delivery");
    }

    /** RFC 3207 section 4: 220, then the handshake; all state is forgotten and EHLO must come again. */
    private void starttls(Command command) throws IOException {
        if (!command.argument().isBlank()) {
            replies.send(command, 501, SYNTAX_ERROR, command.verb().usage());
            return;
        }
        replies.send(command, 220, "2.0.0", "Ready to start TLS");
        out.flush();
        // RFC 3207 section 4.2 and CVE-2011-0411: commands pipelined after STARTTLS are discarded.
        input.discardBufferedInput();
        SSLSocket socket = startTls(rawSocket);
        out.replaceStream(socket.getOutputStream());
        input = new SmtpInput(socket.getInputStream(), out, config.idleTimeout());
        transaction.reset();
    }

    /** The TLS handshake, as server; the session forgets what it knew (RFC 3207 section 4.2). */
    private SSLSocket startTls(Socket plain) throws IOException {
        handOff.now(); // a handshake may take long, and its reads bypass the hand-off's
        SSLContext context = config.sslContext() != null ? config.sslContext() : BundledTls.serverContext();
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, session.clientAddress().getHostString(), plain.getPort(), true);
        socket.setUseClientMode(false);
        socket.startHandshake();
        session.tlsStarted();
        transcript.note("TLS " + socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite());
        return socket;
    }

    /**
     * RFC 4954 section 4. The fault gate comes after the exchange, so that rules see the user the
     * credentials name and can refuse one user only.
     */
    private void auth(Command command) throws IOException {
        String[] words = Command.words(command.argument());
        if (words[0].isEmpty() || words.length > 2) {
            replies.send(command, 501, SYNTAX_ERROR, command.verb().usage());
            return;
        }
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        if (!config.credentials().mechanisms().contains(mechanism)) {
            replies.send(command, 504, "5.5.4", "Unrecognized authentication type");
            return;
        }
        SaslExchange exchange = new SaslExchange(config.credentials(), this::challenge, config.serverName());
        SaslExchange.Outcome outcome = exchange.run(mechanism, words.length == 2 ? words[1] : null);
        Command attempt = command.withAttemptedUser(exchange.attemptedUser());
        if ((outcome == SaslExchange.Outcome.SUCCESS || outcome == SaslExchange.Outcome.FAILED)
                && faults.onCommand(attempt)) {
            return;
        }
        switch (outcome) {
            case SUCCESS -> {
                session.authenticated(exchange.user());
                replies.send(attempt, 235, "2.7.0", "Authentication successful");
            }
            case FAILED -> replies.send(attempt, 535, "5.7.8", "Authentication credentials invalid");
            case CANCELLED -> replies.send(attempt, 501, "5.7.0", "Authentication aborted");
            case UNDECODABLE -> replies.send(attempt, 501, "5.5.2", "Cannot decode response");
            case DISCONNECTED -> replies.closeAfterReplies();
        }
    }

    private String challenge(String base64) throws IOException {
        out.reply(334, null, base64);
        String response;
        try {
            response = input.readLine(ServerConfig.MAX_AUTH_LINE_OCTETS);
        } catch (SmtpInput.LineTooLongException e) {
            response = ""; // undecodable; the rest of the line is dropped before the next command
        }
        if (response != null) {
            transcript.client(response.equals("*") ? "*" : "****");
        }
        return response;
    }

    /**
     * A lone base64 token where a command should be: most likely a client sending its credentials after
     * AUTH was refused. Masked in the transcript like any AUTH secret.
     */
    private static boolean looksLikeSaslResponse(String line) {
        if (line.length() < 8 || Verb.of(line) != Verb.UNKNOWN) {
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
        String[] words = Command.words(line);
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

    private void closeQuietly() {
        try {
            rawSocket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
