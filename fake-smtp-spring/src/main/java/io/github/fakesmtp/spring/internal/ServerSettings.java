package io.github.fakesmtp.spring.internal;

import io.github.fakesmtp.FakeSmtpServer;
import io.github.fakesmtp.TlsMode;
import io.github.fakesmtp.spring.AutoConfigureFakeSmtp;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The server an {@link AutoConfigureFakeSmtp} asks for, as a value: two test classes with equal settings get
 * equal context customizers, so Spring's context cache gives them one context and one server. Validation is
 * the server builder's; this only maps the attributes onto it and names the attribute it refused.
 */
record ServerSettings(int port, List<String> users, boolean authRequired, TlsMode tls, boolean requireTls,
        long maxMessageSize, int maxRecipients) {

    ServerSettings {
        users = List.copyOf(users);
    }

    static ServerSettings of(AutoConfigureFakeSmtp annotation) {
        return new ServerSettings(annotation.port(), List.of(annotation.users()), annotation.authRequired(),
                annotation.tls(), annotation.requireTls(), annotation.maxMessageSize(), annotation.maxRecipients());
    }

    /** The properties for the started server: the application logs in as the first user, if any. */
    MailProperties mailProperties(FakeSmtpServer server) {
        if (users.isEmpty()) {
            return MailProperties.of(server, null, null);
        }
        String first = users.get(0);
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
        FakeSmtpServer.Builder builder = FakeSmtpServer.builder().recordTranscripts(true);
        apply(declaredOn, "port", () -> builder.port(port));
        apply(declaredOn, "users", () -> builder.users(users.toArray(String[]::new)));
        builder.authRequired(authRequired).tls(tls).requireTls(requireTls);
        if (maxMessageSize != 0) {
            apply(declaredOn, "maxMessageSize", () -> builder.maxMessageSize(maxMessageSize));
        }
        if (maxRecipients != 0) {
            apply(declaredOn, "maxRecipients", () -> builder.maxRecipients(maxRecipients));
        }
        try {
            return builder.start();
        } catch (IllegalStateException | IllegalArgumentException e) {
            // options that contradict each other: core's message starts with the option's name, which is the attribute's
            throw misuse(declaredOn, attributeNamedIn(e.getMessage()), e);
        } catch (UncheckedIOException e) {
            throw misuse(declaredOn, "port", e);
        }
    }

    private static void apply(Class<?> declaredOn, String attribute, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw misuse(declaredOn, attribute, e);
        }
    }

    private static String attributeNamedIn(String message) {
        for (String attribute : List.of("authRequired", "requireTls", "users", "tls", "port", "maxMessageSize",
                "maxRecipients")) {
            if (message != null && message.startsWith(attribute + "(")) {
                return attribute;
            }
        }
        return null;
    }

    private static IllegalStateException misuse(Class<?> declaredOn, String attribute, RuntimeException cause) {
        String what = attribute == null ? "@AutoConfigureFakeSmtp" : "@AutoConfigureFakeSmtp(" + attribute + ")";
        return new IllegalStateException(what + " on " + declaredOn.getName() + " cannot start a fake SMTP server: "
                + fixFor(attribute) + " (the server builder says: " + cause.getMessage() + ")", cause);
    }

    /** The fix in the annotation's terms; core's message speaks of its builder. */
    private static String fixFor(String attribute) {
        if (attribute == null) {
            return "change the annotation's attributes";
        }
        return switch (attribute) {
            case "authRequired" -> "add users = \"name:password\", or remove authRequired = true";
            case "requireTls" -> "add tls = TlsMode.STARTTLS or TlsMode.SMTPS, or remove requireTls = true";
            case "users" -> "write each user as \"name:password\"";
            case "port" -> "leave port at 0 for a free port, or free the port";
            default -> "change " + attribute + ", or leave it at 0 for the server's default";
        };
    }
}
