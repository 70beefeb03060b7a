package io.github.fakesmtp.junit5;

/**
 * What the server saw during a failed test, attached by the extension to the test's failure as a suppressed
 * exception so that it appears, after the failure itself, in Maven Surefire's and IDEs' output. It has no
 * stack trace of its own: its message is the report.
 */
public final class FakeSmtpServerReport extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FakeSmtpServerReport(String report) {
        super(report, null, false, false);
    }

    @Override
    public String toString() {
        // printStackTrace prints toString(): keep the class name short and the report on its own lines
        return "fake-smtp report:\n" + getMessage();
    }
}
