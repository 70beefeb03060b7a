package io.github.fakesmtp.spring.internal;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.internal.report.AnnotationOptions;
import io.github.fakesmtp.spring.AutoConfigureFakeSmtp;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The server an {@link AutoConfigureFakeSmtp} asks for, as a value: two test classes with equal settings get
 * equal context customizers, so Spring's context cache gives them one context and one server. Validation is
 * the server builder's; this only maps the attributes onto it and names the attribute it refused.
 */
record ServerSettings(AnnotationOptions options) {

    static ServerSettings of(AutoConfigureFakeSmtp annotation) {
        return new ServerSettings(new AnnotationOptions(annotation.port(), List.of(annotation.users()),
                annotation.authRequired(), annotation.tls(), annotation.requireTls(), annotation.maxMessageSize(),
                annotation.maxRecipients()));
    }

    /** The properties for the started server: the application logs in as the first user, if any. */
    MailProperties mailProperties(FakeSmtpServer server) {
        if (options.users().isEmpty()) {
            return MailProperties.of(server, null, null);
        }
        String first = options.users().get(0);
        int colon = first.indexOf(':'); // the server's builder accepted it, so it is "name:password"
        return MailProperties.of(server, first.substring(0, colon), first.substring(colon + 1));
    }

    /**
     * Starts the server, recording transcripts for the failure report.
     *
     * @param declaredOn the test class the annotation applies to, for the error message
     * @throws IllegalStateException naming the attribute and the class when the builder refuses a value
     */
    FakeSmtpServer start(Class<?> declaredOn) {
        try {
            return AnnotationOptions.start(options.applyTo(FakeSmtpServer.builder().recordTranscripts(true)));
        } catch (AnnotationOptions.Refused refused) {
            throw misuse(declaredOn, refused.attribute(), refused);
        } catch (UncheckedIOException e) {
            throw misuse(declaredOn, "port", e);
        }
    }

    private static IllegalStateException misuse(Class<?> declaredOn, String attribute, RuntimeException cause) {
        String what = "@AutoConfigureFakeSmtp(" + attribute + ")";
        return new IllegalStateException(what + " on " + declaredOn.getName() + " cannot start a fake SMTP server: "
                + fixFor(attribute) + " (the server builder says: " + cause.getMessage() + ")", cause);
    }

    /** The fix in the annotation's terms; core's message speaks of its builder. */
    private static String fixFor(String attribute) {
        return switch (attribute) {
            case "authRequired" -> "add users = \"name:password\", or remove authRequired = true";
            case "requireTls" -> "add tls = TlsMode.STARTTLS or TlsMode.SMTPS, or remove requireTls = true";
            case "users" -> "write each user as \"name:password\"";
            case "port" -> "leave port at 0 for a free port, or free the port";
            default -> "change " + attribute + ", or leave it at 0 for the server's default";
        };
    }
}
