package io.github.fakesmtp.internal.report;

import static io.github.fakesmtp.internal.report.Summaries.count;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.ReceivedMessage;
import io.github.fakesmtp.Rejection;
import io.github.fakesmtp.SessionTranscript;
import java.nio.file.Path;
import java.util.List;

/**
 * Describes what a server saw, for a failing test's report: the messages it received (envelope and subject),
 * the commands it refused, and the SMTP transcript of every session, AUTH secrets masked. Long transcripts
 * are cut so that a report stays readable. Shared by the test-framework front ends; not API.
 */
public final class ServerReport {

    private static final int MAX_SESSIONS = 20;
    private static final int MAX_LINES_PER_SESSION = 60;

    private ServerReport() {
    }

    /**
     * Writes the report.
     *
     * @param server the server
     * @return several lines of text
     */
    public static String describe(FakeSmtpServer server) {
        return describe(server, List.of());
    }

    /**
     * Writes the report with the files the messages were saved to, right after the messages, so that the
     * paths are near the top where an IDE shows them as links.
     *
     * @param server the server
     * @param savedFiles the saved files, e.g. from {@link SavedMail#write}; empty for none
     * @return several lines of text
     */
    public static String describe(FakeSmtpServer server, List<Path> savedFiles) {
        StringBuilder out = new StringBuilder();
        List<ReceivedMessage> messages = server.messages();
        out.append("fake-smtp server ").append(server.host()).append(':').append(server.port())
                .append(" received ").append(count(messages.size(), "message"))
                .append(messages.isEmpty() ? "" : ":");
        for (ReceivedMessage message : messages) {
            out.append("\n  ").append(Summaries.of(message));
        }
        if (!savedFiles.isEmpty()) {
            out.append("\nsaved to ").append(count(savedFiles.size(), "file"))
                    .append(" (.eml: the exact bytes, for a mail client; .html: the HTML body, for a browser):");
            for (Path file : savedFiles) {
                out.append("\n  ").append(file);
            }
        }
        List<Rejection> rejections = server.rejections();
        if (!rejections.isEmpty()) {
            out.append("\nrefused ").append(count(rejections.size(), "command")).append(':');
            for (Rejection rejection : rejections) {
                out.append("\n  ").append(rejection);
            }
        }
        List<SessionTranscript> sessions = server.transcripts();
        int dropped = server.droppedTranscripts();
        if (sessions.isEmpty() && dropped == 0) {
            out.append("\nno SMTP session was opened");
            return out.toString();
        }
        out.append("\nSMTP transcript of ").append(count(sessions.size(), "session"))
                .append(" (C: client, S: server; AUTH secrets masked):");
        if (dropped > 0) {
            out.append("\n  … ").append(count(dropped, "older session")).append(" dropped: the server keeps the ")
                    .append("transcripts of its last ").append(count(sessions.size(), "session"));
        }
        int first = Math.max(0, sessions.size() - MAX_SESSIONS);
        if (first > 0) {
            out.append("\n  … ").append(count(first, "earlier session")).append(" left out");
        }
        for (SessionTranscript session : sessions.subList(first, sessions.size())) {
            appendSession(out, session);
        }
        return out.toString();
    }

    private static void appendSession(StringBuilder out, SessionTranscript session) {
        out.append("\n  session ").append(session.connectionIndex()).append(':');
        List<String> lines = session.lines();
        int shown = Math.min(lines.size(), MAX_LINES_PER_SESSION);
        for (String line : lines.subList(0, shown)) {
            out.append("\n    ").append(line);
        }
        if (shown < lines.size()) {
            out.append("\n    … ").append(count(lines.size() - shown, "more line"));
        }
    }

}
