/**
 * fake-smtp for JUnit 5 and 6: the {@link io.github.fakesmtp.junit5.FakeSmtp} extension, and AssertJ
 * assertions for what a {@link io.github.fakesmtp.FakeSmtpServer} received. The {@code internal} package is
 * not exported.
 */
// Named after its artifact, like JUnit's own org.junit.jupiter modules, so javac's advice against a
// terminal digit in a module name is not taken.
@SuppressWarnings("module")
module io.github.fakesmtp.junit5 {
    requires transitive io.github.fakesmtp;
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.commons;
    // Only the assertions use AssertJ, and a test that uses them has it: the extension works without.
    requires static transitive org.assertj.core;

    exports io.github.fakesmtp.junit5;
    exports io.github.fakesmtp.assertj;
    // AssertJ's soft assertions subclass the assert classes at run time, in their own package.
    opens io.github.fakesmtp.assertj to org.assertj.core;
}
