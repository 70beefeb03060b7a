package io.github.fakesmtp;

import io.github.fakesmtp.internal.report.ServerReport;
import java.nio.file.Path;
import java.util.List;

/**
 * What a server saw — the messages it received, the commands it refused and the SMTP transcripts, AUTH
 * secrets masked — as a throwable to attach to a failed test with {@link Throwable#addSuppressed}, so that it
 * appears after the failure itself in Maven Surefire's and IDEs' output. The JUnit extension and the Spring
 * integration attach it for you; other frameworks can do the same. It has no stack trace of its own: its
 * message is the report.
 */
public final class FakeSmtpServerReport extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private FakeSmtpServerReport(String report) {
        super(report, null, false, false);
    }

    /**
     * Describes what {@code server} saw so far.
     *
     * @param server the server, running or closed
     * @return the report
     */
    public static FakeSmtpServerReport of(FakeSmtpServer server) {
        return new FakeSmtpServerReport(ServerReport.describe(server));
    }

    /**
     * Describes what {@code server} saw so far and lists the files its messages were saved to, e.g. the
     * {@code .eml} and {@code .html} files the JUnit extension and the Spring integration write for a failed
     * test, so that an IDE shows them as links.
     *
     * @param server the server, running or closed
     * @param savedFiles the files, listed as given; none leaves the list out
     * @return the report
     */
    public static FakeSmtpServerReport of(FakeSmtpServer server, List<Path> savedFiles) {
        return new FakeSmtpServerReport(ServerReport.describe(server, savedFiles));
    }

    @Override
    public String toString() {
        // printStackTrace prints toString(): keep the class name short and the report on its own lines
        return "fake-smtp report:\n" + getMessage();
    }
}
