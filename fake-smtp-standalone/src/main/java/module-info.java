/**
 * The fake-smtp standalone server: a command line, an HTTP API to read captured mail, wait for it, inject
 * faults and create isolated servers, and a web inbox to look at the mail. Run it with {@code java -jar}; it is an
 * application, and its only public type is the main class.
 */
module io.github.fakesmtp.standalone {
    requires io.github.fakesmtp;
    requires jakarta.mail;
    requires org.jsoup;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;

    exports io.github.fakesmtp.standalone;
    opens io.github.fakesmtp.standalone to info.picocli;
}
