/**
 * fake-smtp's in-process SMTP server for tests: {@link io.github.fakesmtp.FakeSmtpServer}, the messages it
 * captures, fault rules, TLS and AUTH. Only {@code io.github.fakesmtp} is API; the implementation packages
 * are not exported, apart from the report that fake-smtp's test-framework front ends share.
 */
// The front ends' modules are built after this one, and not all of them in every build: javac would warn
// that a module named in the qualified export below is not found.
@SuppressWarnings("module")
module io.github.fakesmtp {
    requires transitive jakarta.mail; // ReceivedMessage hands out a jakarta.mail MimeMessage
    requires org.eclipse.angus.mail; // provides the encoders jakarta.mail needs to decode what it parses
    requires org.jsoup; // links and mail lint parse HTML bodies

    exports io.github.fakesmtp;
    exports io.github.fakesmtp.internal.report to
            io.github.fakesmtp.junit5,
            io.github.fakesmtp.spring,
            io.github.fakesmtp.standalone;
}
